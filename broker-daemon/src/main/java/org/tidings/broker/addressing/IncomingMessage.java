package org.tidings.broker.addressing;

import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.message.MessageCodec;
import org.tidings.protocol.message.MessageHeaders;

/**
 * A message as a producer sent it, not yet routed: its headers, the properties it is routed by, its encoded bytes
 * and where it came from.
 *
 * @param duplicateId its {@value DuplicateIds#PROPERTY}, or {@code null}
 * @param groupId     its JMSXGroupID, or {@code null}
 */
public record IncomingMessage(MessageHeaders headers, String duplicateId, String groupId, byte[] encoded,
                              long originConnectionId, String originClientId) {

    private static final byte[][] ROUTING_PROPERTIES = MessageCodec.propertyNames(DuplicateIds.PROPERTY,
            BrokerMessage.GROUP_ID);

    /**
     * Reads what routing needs from {@code encoded} in one pass.
     *
     * @throws org.tidings.protocol.codec.MalformedFrameException if the headers or properties cannot be read
     */
    public static IncomingMessage read(byte[] encoded, FrameLimits limits, long originConnectionId,
                                       String originClientId) {
        MessageCodec.HeadersAndProperties read = MessageCodec.decodeHeadersAndProperties(encoded, ROUTING_PROPERTIES,
                limits);
        return new IncomingMessage(read.headers(), read.properties()[0], read.properties()[1], encoded,
                originConnectionId, originClientId);
    }
}
