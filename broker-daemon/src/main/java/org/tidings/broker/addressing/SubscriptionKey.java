package org.tidings.broker.addressing;

/** Names a durable or shared subscription: client id ({@code null} allowed for shared ones) and name. */
public record SubscriptionKey(String clientId, String name) {

    @Override
    public String toString() {
        return clientId == null ? "'" + name + "'" : "'" + name + "' of client id '" + clientId + "'";
    }
}
