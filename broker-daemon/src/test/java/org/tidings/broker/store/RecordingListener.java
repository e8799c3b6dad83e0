package org.tidings.broker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Records what {@link MessageStore#recover} replays, in order. */
public final class RecordingListener implements RecoveryListener {

    /** One replayed reference. */
    public record Reference(long queueId, long messageId, int deliveryCount) { }

    /** One replayed duplicate id. */
    public record DuplicateId(String destination, long sequence, String duplicateId) { }

    /** The kind of each call, in call order: "queue", "message", "reference" or "duplicateId". */
    public final List<String> calls = new ArrayList<>();
    public final List<QueueRecord> queues = new ArrayList<>();
    public final Map<Long, byte[]> messages = new HashMap<>();
    public final List<Reference> references = new ArrayList<>();
    public final List<DuplicateId> duplicateIds = new ArrayList<>();

    @Override
    public void queue(QueueRecord queue) {
        calls.add("queue");
        queues.add(queue);
    }

    @Override
    public void message(long messageId, ByteBuffer encoded) {
        calls.add("message");
        byte[] copy = new byte[encoded.remaining()];
        encoded.duplicate().get(copy);
        messages.put(messageId, copy);
    }

    @Override
    public void reference(long queueId, long messageId, int deliveryCount) {
        calls.add("reference");
        references.add(new Reference(queueId, messageId, deliveryCount));
    }

    @Override
    public void duplicateId(String destination, long sequence, String duplicateId) {
        calls.add("duplicateId");
        duplicateIds.add(new DuplicateId(destination, sequence, duplicateId));
    }

    /**
     * Asserts that this recovery replayed the same store state as {@code wanted}: the same queues, the same message
     * bodies, the same references in the same order.
     */
    public void assertSameStateAs(RecordingListener wanted) {
        assertThat(queues).containsExactlyInAnyOrderElementsOf(wanted.queues);
        assertThat(messages).containsOnlyKeys(wanted.messages.keySet());
        assertThat(messages).allSatisfy((id, encoded) -> assertThat(encoded).isEqualTo(wanted.messages.get(id)));
        assertThat(references).containsExactlyElementsOf(wanted.references);
        assertThat(duplicateIds).containsExactlyInAnyOrderElementsOf(wanted.duplicateIds);
    }

    /** The references replayed for {@code queueId}, in replay order. */
    public List<Reference> referencesOf(long queueId) {
        return references.stream().filter(r -> r.queueId() == queueId).toList();
    }

    /** The message ids replayed for {@code queueId}, in replay order. */
    public List<Long> messageIdsOf(long queueId) {
        return referencesOf(queueId).stream().map(Reference::messageId).toList();
    }
}
