package org.tidings.protocol.message;

import java.util.Map;

/**
 * A message read back from its encoding. {@code properties} keeps the encoded order; {@code body} is the body
 * section as written by {@link BodyCodec} (or {@code null} for an empty body).
 */
public record DecodedMessage(MessageHeaders headers, Map<String, Object> properties, BodyType bodyType, byte[] body) {
}
