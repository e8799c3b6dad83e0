package org.tidings.broker.addressing;

import org.tidings.protocol.message.MessageHeaders;

/** A message as a producer sent it, not yet routed: its headers, encoded bytes and where it came from. */
public record IncomingMessage(MessageHeaders headers, byte[] encoded, long originConnectionId,
                              String originClientId) {
}
