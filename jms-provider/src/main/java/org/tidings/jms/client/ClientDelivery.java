package org.tidings.jms.client;

/**
 * One message delivered to a {@link ClientConsumer}: the broker's delivery id, the encoded message and how often it
 * has been delivered to an application. Mutable only by the session that owns it (local redelivery counts up).
 */
public final class ClientDelivery {

    private final ClientConsumer consumer;
    private final long deliveryId;
    private final byte[] message;
    private int deliveryCount;
    private boolean creditReturned;
    private boolean shown;

    ClientDelivery(ClientConsumer consumer, long deliveryId, int deliveryCount, byte[] message) {
        this.consumer = consumer;
        this.deliveryId = deliveryId;
        this.deliveryCount = deliveryCount;
        this.message = message;
    }

    public ClientConsumer consumer() {
        return consumer;
    }

    public long deliveryId() {
        return deliveryId;
    }

    /** The encoded message, as the producer sent it. */
    public byte[] message() {
        return message;
    }

    /** 1 for a first delivery; more when the message was shown to an application before. */
    public int deliveryCount() {
        return deliveryCount;
    }

    /** Whether an application has seen this delivery (it must be settled as redelivered, not released). */
    public boolean wasShown() {
        return shown;
    }

    /** Records that the application is about to see this delivery. */
    public void markShown() {
        shown = true;
    }

    /** Prepares a shown delivery to be handed out again by the client (recover, rollback). */
    public void markRedelivered() {
        deliveryCount++;
    }

    /** Returns true the first time only: the consumer grants credit once per delivery. */
    boolean takeCredit() {
        if (creditReturned) {
            return false;
        }
        creditReturned = true;
        return true;
    }
}
