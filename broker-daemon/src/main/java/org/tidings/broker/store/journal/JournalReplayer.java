package org.tidings.broker.store.journal;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.broker.store.StoreBatch;

/**
 * Reads the journal back at startup as batches: every intact record at or after a checkpoint position, in order
 * (see {@link JournalScanner} for where reading a segment stops).
 *
 * <p>Threading: stateless; runs on the thread that opens the store, before the journal writer starts.
 */
public final class JournalReplayer {

    /** Receives each intact record, with the position just after it. */
    @FunctionalInterface
    public interface RecordSink {
        void accept(StoreBatch batch, JournalPosition end);
    }

    private static final Logger LOG = LoggerFactory.getLogger(JournalReplayer.class);

    private JournalReplayer() {
    }

    /**
     * Passes every intact record at or after {@code from} to {@code sink}, in journal order, and returns the position
     * after the last one ({@code from} if there is none).
     *
     * @throws IllegalStateException if a record with a valid checksum does not decode (a format error, not a torn
     *                               write: the store must not open over it)
     */
    public static JournalPosition replay(Path directory, JournalPosition from, RecordSink sink) {
        return new JournalScanner(directory).scan(from, (segment, payload, payloadOffset, end) -> {
            StoreBatch batch;
            try {
                batch = JournalCodec.decode(payload);
            } catch (IllegalStateException e) {
                LOG.error("TDS3005: journal record in segment {} at offset {} has a valid checksum but does not "
                        + "decode; the store will not open over it", segment, payloadOffset - JournalCodec.HEADER, e);
                throw e;
            }
            sink.accept(batch, new JournalPosition(segment, end));
        });
    }
}
