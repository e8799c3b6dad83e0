package org.tidings.broker.addressing;

import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreCallback;
import org.tidings.broker.store.StoreOperation;

import java.util.ArrayList;
import java.util.List;

/**
 * Routes sent messages to their queues. Persistent messages bound for stored queues go to the store in the same
 * batch as any other work handed in (a transaction's accepts); the messages become visible to consumers, and
 * {@code done} runs, only once that batch is durable. A message whose duplicate id ({@link DuplicateIds}) its
 * destination remembers is not routed again; its send is still confirmed, once everything submitted before it is
 * durable, so the original is too. Core thread only.
 */
public final class MessageRouter {

    private final BrokerCore core;
    private final AddressRegistry registry;

    public MessageRouter(BrokerCore core, AddressRegistry registry) {
        this.core = core;
        this.registry = registry;
    }

    /** Routes one message sent outside a transaction. */
    public void route(IncomingMessage send, StoreCallback done) throws RefusedException {
        execute(plan(List.of(send)), StoreBatch.builder(), done);
    }

    /**
     * Resolves where each of {@code sends} goes, creating queues on first use, and drops the duplicates; nothing is
     * routed yet.
     *
     * @throws RefusedException if a destination does not exist
     */
    public Plan plan(List<IncomingMessage> sends) throws RefusedException {
        return plan(sends, true);
    }

    /** As {@link #plan(List)}; without {@code checkDuplicates}, duplicate ids are neither checked nor remembered. */
    public Plan plan(List<IncomingMessage> sends, boolean checkDuplicates) throws RefusedException {
        List<BrokerMessage> messages = new ArrayList<>(sends.size());
        List<List<QueueDispatcher>> targets = new ArrayList<>(sends.size());
        List<StoreOperation.PutDuplicateId> remembered = new ArrayList<>(0);
        boolean duplicates = false;
        DuplicateIds duplicateIds = registry.duplicateIds();
        for (IncomingMessage send : sends) {
            String duplicateId = checkDuplicates ? send.duplicateId() : null;
            if (duplicateId != null) {
                if (duplicateIds.seenBefore(send.headers().destination(), duplicateId)) {
                    duplicates = true;
                    continue;
                }
                StoreOperation.PutDuplicateId put = duplicateIds.remember(send.headers().destination(), duplicateId);
                if (put != null && send.headers().persistent()) {
                    remembered.add(put);
                }
            }
            BrokerMessage message = new BrokerMessage(core.nextMessageId(), send.encoded(), send.headers(),
                    send.groupId(), send.originConnectionId(), send.originClientId(), core.bodies());
            targets.add(registry.targets(send.headers().destination(), message));
            messages.add(message);
        }
        return new Plan(messages, targets, remembered, duplicates);
    }

    /**
     * Routes a planned set of messages together with the work already in {@code batch}, as one durable unit:
     * the messages become visible and {@code done} runs once it is durable. {@code done} runs first, in the same core
     * task: the answer to the sender is written, and so flushed, ahead of the deliveries the messages cause, and the
     * synchronous senders start on their next message while the consumers get these.
     */
    public void execute(Plan plan, StoreBatch.Builder batch, StoreCallback done) {
        for (int i = 0; i < plan.messages.size(); i++) {
            addToBatch(plan.messages.get(i), plan.targets.get(i), batch);
        }
        plan.remembered.forEach(batch::add);
        if (batch.isEmpty() && !plan.droppedDuplicates) {
            enqueueAll(plan);
            done.completed(null);
            return;
        }
        core.submit(batch.build(), failure -> {
            if (failure == null) {
                done.completed(null);
                enqueueAll(plan);
            } else {
                plan.remembered.forEach(registry.duplicateIds()::forget);
                done.completed(failure);
            }
        });
    }

    /**
     * Messages with their resolved target queues; the duplicate ids to store with them; whether duplicates were
     * dropped (their confirmation waits for the store).
     */
    public record Plan(List<BrokerMessage> messages, List<List<QueueDispatcher>> targets,
                       List<StoreOperation.PutDuplicateId> remembered, boolean droppedDuplicates) {
    }

    private static void addToBatch(BrokerMessage message, List<QueueDispatcher> queues, StoreBatch.Builder batch) {
        if (!message.isPersistent()) {
            return;
        }
        boolean stored = false;
        for (QueueDispatcher queue : queues) {
            if (queue.isStored()) {
                if (!stored) {
                    batch.addMessage(message.id(), message.encoded());
                    stored = true;
                }
                batch.addReference(queue.record().id(), message.id());
            }
        }
    }

    private static void enqueueAll(Plan plan) {
        for (int i = 0; i < plan.messages.size(); i++) {
            for (QueueDispatcher queue : plan.targets.get(i)) {
                queue.enqueue(plan.messages.get(i));
            }
        }
    }
}
