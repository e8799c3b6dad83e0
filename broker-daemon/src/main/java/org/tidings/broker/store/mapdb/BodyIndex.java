package org.tidings.broker.store.mapdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;
import org.tidings.broker.store.journal.JournalBodies;

/**
 * Where the body of each stored message is: on the heap from its submission until the journal holds it, then at a
 * {@linkplain JournalBodies body position} in a journal segment. Also counts, per segment, the bodies written into
 * it and those still in use, which decides when a segment may be deleted and when it is worth compacting.
 *
 * <p>Positions are kept in one primitive hash map (about 32 bytes per stored message), not in MapDB: the journal
 * record is the only copy of a body, and a restart rebuilds this index by scanning the journal (see
 * {@link MapDbMessageStore}).
 *
 * <p>Threading: thread-safe. The store thread records positions, the checkpoint thread asks about segments, any
 * thread reads. The unwritten bodies are a concurrent map, so the core thread that submits them never waits for
 * the store thread's lock; the rest is guarded by this object's lock and keyed by primitive longs.
 */
final class BodyIndex {

    /** Bodies written into one segment, and how many of them are still in use. */
    private static final class SegmentUsage {
        int written;
        int live;
        /** {@link #live} when {@link #staleSparseSegments} last looked; -1 before. */
        int liveWhenChecked = -1;
        /** Handed out by {@link #staleSparseSegments} once, to be compacted. */
        boolean compacting;
    }

    /** Bodies submitted and not yet in the journal: the same arrays the batches hold, not copies. */
    private final Map<Long, byte[]> unwritten = new ConcurrentHashMap<>();
    private final LongLongHashMap positions = new LongLongHashMap();
    private final LongObjectHashMap<SegmentUsage> segments = new LongObjectHashMap<>();

    /** {@code messageId} was submitted with {@code body}; {@link #body} answers from memory until it is written. */
    void submitted(long messageId, byte[] body) {
        unwritten.put(messageId, body);
    }

    /** The submission of {@code messageId} failed: it will never be written. */
    void abandoned(long messageId) {
        unwritten.remove(messageId);
    }

    /** The body of {@code messageId} is durable at {@code position}, its first or a newer copy. */
    synchronized void written(long messageId, long position) {
        long previous = positions.getIfAbsent(messageId, -1);
        if (previous >= 0) {
            usage(JournalBodies.segmentOf(previous)).live--;
        }
        positions.put(messageId, position);
        SegmentUsage usage = usage(JournalBodies.segmentOf(position));
        usage.written++;
        usage.live++;
        unwritten.remove(messageId);
    }

    /** A copy of a body was written at {@code position}: it becomes the body's place unless the message is gone. */
    synchronized void rewritten(long messageId, long position) {
        if (positions.containsKey(messageId)) {
            written(messageId, position);
        }
    }

    /** {@code messageId} was deleted; its segment no longer needs its body. */
    synchronized void deleted(long messageId) {
        unwritten.remove(messageId);
        long previous = positions.getIfAbsent(messageId, -1);
        if (previous >= 0) {
            positions.remove(messageId);
            usage(JournalBodies.segmentOf(previous)).live--;
        }
    }

    /** The body of {@code messageId} if it is still on the heap, else {@code null}. */
    byte[] unwrittenBody(long messageId) {
        return unwritten.get(messageId);
    }

    /** The body position of {@code messageId}, or -1 if no stored message has that id. */
    synchronized long position(long messageId) {
        return positions.getIfAbsent(messageId, -1);
    }

    /** Whether segment {@code segment} holds a body still in use. */
    synchronized boolean pins(long segment) {
        SegmentUsage usage = segments.get(segment);
        return usage != null && usage.live > 0;
    }

    /** Segment {@code segment} was deleted. */
    synchronized void segmentDeleted(long segment) {
        segments.remove(segment);
    }

    /**
     * The segments before {@code before} in which fewer than {@code liveRatio} of the bodies written are still in
     * use, and that did not change since the last call: bodies that stay while their neighbours went, worth copying
     * forward so the segment can be deleted. A segment being drained right now changes between calls and is left
     * alone, since its bodies leave on their own. A segment is returned once.
     */
    synchronized List<Long> staleSparseSegments(long before, double liveRatio) {
        List<Long> sparse = new ArrayList<>();
        segments.forEachKeyValue((segment, usage) -> {
            if (segment < before && usage.live > 0 && !usage.compacting) {
                if (usage.live == usage.liveWhenChecked && usage.live < usage.written * liveRatio) {
                    usage.compacting = true;
                    sparse.add(segment);
                }
                usage.liveWhenChecked = usage.live;
            }
        });
        sparse.sort(null);
        return sparse;
    }

    private SegmentUsage usage(long segment) {
        return segments.getIfAbsentPut(segment, SegmentUsage::new);
    }
}
