package org.tidings.broker.store;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable unit of durable work: applied to the store all together or not at all. Build one with
 * {@link #builder()}.
 */
public record StoreBatch(List<StoreOperation> operations) {

    public StoreBatch {
        operations = List.copyOf(operations);
    }

    public boolean isEmpty() {
        return operations.isEmpty();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects operations in order; not thread-safe. */
    public static final class Builder {
        private final List<StoreOperation> operations = new ArrayList<>();

        public Builder addQueue(QueueRecord queue) {
            return add(new StoreOperation.AddQueue(queue));
        }

        public Builder deleteQueue(long queueId) {
            return add(new StoreOperation.DeleteQueue(queueId));
        }

        public Builder addMessage(long messageId, byte[] encoded) {
            return add(new StoreOperation.AddMessage(messageId, encoded));
        }

        public Builder deleteMessage(long messageId) {
            return add(new StoreOperation.DeleteMessage(messageId));
        }

        public Builder addReference(long queueId, long messageId) {
            return add(new StoreOperation.AddReference(queueId, messageId));
        }

        public Builder removeReference(long queueId, long messageId) {
            return add(new StoreOperation.RemoveReference(queueId, messageId));
        }

        public Builder updateDeliveryCount(long queueId, long messageId, int deliveryCount) {
            return add(new StoreOperation.UpdateDeliveryCount(queueId, messageId, deliveryCount));
        }

        public Builder putDuplicateId(String destination, int slot, long sequence, String duplicateId) {
            return add(new StoreOperation.PutDuplicateId(destination, slot, sequence, duplicateId));
        }

        public Builder add(StoreOperation operation) {
            operations.add(operation);
            return this;
        }

        public boolean isEmpty() {
            return operations.isEmpty();
        }

        public StoreBatch build() {
            return new StoreBatch(operations);
        }
    }
}
