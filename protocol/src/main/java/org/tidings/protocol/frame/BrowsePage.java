package org.tidings.protocol.frame;

import java.util.List;

/** One page of a {@link Browse}: encoded messages in queue order, and where the next page starts. */
public record BrowsePage(long requestId, List<byte[]> messages, long lastPosition, boolean more) implements Frame {

    public BrowsePage {
        messages = List.copyOf(messages);
    }

    @Override
    public FrameType type() {
        return FrameType.BROWSE_PAGE;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BrowsePage p) || p.requestId != requestId || p.lastPosition != lastPosition
                || p.more != more || p.messages.size() != messages.size()) {
            return false;
        }
        for (int i = 0; i < messages.size(); i++) {
            if (!java.util.Arrays.equals(messages.get(i), p.messages.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(requestId) * 31 + messages.size();
    }

    @Override
    public String toString() {
        return "BrowsePage[requestId=" + requestId + ", messages=" + messages.size() + ", lastPosition="
                + lastPosition + ", more=" + more + "]";
    }
}
