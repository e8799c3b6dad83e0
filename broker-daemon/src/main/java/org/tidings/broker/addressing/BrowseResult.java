package org.tidings.broker.addressing;

import java.util.List;

/** One page of a browse: encoded messages in delivery order, the position after the last one, and whether more follow. */
public record BrowseResult(List<byte[]> messages, long lastPosition, boolean more) {
}
