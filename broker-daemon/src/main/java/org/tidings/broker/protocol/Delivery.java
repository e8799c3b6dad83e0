package org.tidings.broker.protocol;

import org.tidings.broker.addressing.QueueDispatcher;
import org.tidings.broker.addressing.QueueEntry;

/** One unsettled DELIVER: which message of which queue went to which consumer. */
record Delivery(long deliveryId, QueueDispatcher queue, QueueEntry entry, ConsumerState consumer) {
}
