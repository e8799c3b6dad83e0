package org.tidings.broker.store;

/** The highest ids found in the store; 0 when it is empty. */
public record RecoveryResult(long maxQueueId, long maxMessageId) {
}
