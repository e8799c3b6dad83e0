package org.tidings.broker.store.mapdb;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreOperation;
import org.tidings.broker.store.journal.Journal;
import org.tidings.broker.store.journal.JournalBodies;
import org.tidings.broker.store.journal.JournalCodec;
import org.tidings.broker.store.journal.JournalPosition;
import org.tidings.broker.store.journal.JournalScanner;

/**
 * Gives the journal's disk space back. Since the journal keeps the message bodies, a segment may be deleted only
 * once MapDB holds what its records did (the checkpoint passed it) and none of its bodies is still in use. Most
 * segments empty on their own as consumers take the messages; a segment that keeps a few bodies while the rest went
 * (a message nobody consumes) would pin it forever, so once such a segment stopped changing its remaining bodies are
 * rewritten at the head of the journal ({@code RewriteMessage}, through the normal group commit) and the segment
 * goes with a later checkpoint.
 *
 * <p>Nothing is deleted before {@link #recovered}: until the store learnt where every body in use lies, any segment
 * may hold one.
 *
 * <p>Threading: {@link #checkpointed} runs on the checkpoint thread, {@link #recovered} once on the thread that
 * recovers the store, {@link #close} on the closing thread; deleting is serialized by this object's lock. Failures
 * are logged, never thrown: the segments stay and are tried again after the next checkpoint.
 */
final class SegmentReclaimer {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentReclaimer.class);
    /** A segment with fewer bodies in use than this share of those written into it is compacted once it is stale. */
    private static final double COMPACT_BELOW = 0.5;
    /** Bodies per rewrite batch, so one batch stays a small part of a group. */
    private static final long REWRITE_BATCH_BYTES = 1 << 20;

    private final Journal journal;
    private final JournalBodies reader;
    private final BodyIndex bodies;
    private final JournalScanner scanner;
    private final Consumer<StoreBatch> rewrite;
    private volatile boolean recovered;
    private volatile boolean closed;

    /** A reclaimer that hands the batches of rewritten bodies to {@code rewrite}. */
    SegmentReclaimer(Path journalDirectory, Journal journal, JournalBodies reader, BodyIndex bodies,
                     Consumer<StoreBatch> rewrite) {
        this.journal = journal;
        this.reader = reader;
        this.bodies = bodies;
        this.scanner = new JournalScanner(journalDirectory);
        this.rewrite = rewrite;
    }

    /** MapDB is complete up to {@code position}: deletes what may go, then compacts what is stale and sparse. */
    void checkpointed(JournalPosition position) {
        if (recovered) {
            free(position, !closed);
        }
    }

    /**
     * The store knows where every body in use lies, and MapDB is complete up to {@code position} (the journal's
     * writing position when it opened): deletes the segments before it that hold no body in use.
     */
    void recovered(JournalPosition position) {
        recovered = true;
        free(position, false);
    }

    private synchronized void free(JournalPosition position, boolean compact) {
        try {
            for (long segment : journal.deleteSegmentsBefore(position, bodies::pins)) {
                reader.forget(segment);
                bodies.segmentDeleted(segment);
            }
            if (compact) {
                for (long segment : bodies.staleSparseSegments(position.segment(), COMPACT_BELOW)) {
                    compact(segment);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("TDS3008: freeing journal segments failed; they stay and are tried again later", e);
        }
    }

    /** No more rewrites: the store is closing. */
    void close() {
        closed = true;
    }

    private void compact(long segment) {
        Rewrites rewrites = new Rewrites(segment);
        scanner.scanSegment(segment, 0, (number, payload, payloadOffset, end) ->
                JournalCodec.forEachBody(payload, payloadOffset, rewrites));
        rewrites.submit();
        LOG.debug("Compacting journal segment {}: {} message bodies still in use rewritten", segment, rewrites.moved);
    }

    /** Gathers the bodies of one segment that are still in use into rewrite batches. */
    private final class Rewrites implements JournalCodec.BodyVisitor {
        private final long segment;
        private StoreBatch.Builder batch = StoreBatch.builder();
        private long bytes;
        private int moved;

        Rewrites(long segment) {
            this.segment = segment;
        }

        @Override
        public void body(long messageId, boolean rewritten, long lengthOffset, ByteBuffer body) {
            if (bodies.position(messageId) != JournalBodies.position(segment, lengthOffset)) {
                return;
            }
            byte[] copy = new byte[body.remaining()];
            body.get(copy);
            batch.add(new StoreOperation.RewriteMessage(messageId, copy));
            bytes += copy.length;
            moved++;
            if (bytes >= REWRITE_BATCH_BYTES) {
                submit();
            }
        }

        void submit() {
            if (!batch.isEmpty()) {
                rewrite.accept(batch.build());
                batch = StoreBatch.builder();
                bytes = 0;
            }
        }
    }
}
