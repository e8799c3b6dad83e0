package org.tidings.broker.store.mapdb;

/**
 * When the journal is checkpointed into MapDB, and how large the pieces are.
 *
 * @param segmentBytes      a journal segment is closed and a new one begun once it holds this many bytes
 * @param windowOps         a checkpoint is due once this many journal operations gathered since the last one
 * @param windowMillis      ... or this long after the first of them
 * @param windowJournalBytes ... or once the journal grew by this much, so segments get deleted
 * @param backlogBytes      the journal writer waits while more than this many journal bytes wait to be merged
 * @param transactionOps    reference operations after which a checkpoint commits MapDB before its next page
 */
record CheckpointPolicy(long segmentBytes, int windowOps, long windowMillis, long windowJournalBytes,
                        long backlogBytes, int transactionOps) {

    /**
     * Measured defaults. A MapDB transaction is kept small (about 8,000 reference operations), since MapDB holds its
     * log and {@link RedoLoggedVolume} the transaction's changed pages in memory until the commit.
     */
    static final CheckpointPolicy DEFAULT = new CheckpointPolicy(64L << 20, 50_000, 250, 64L << 20, 16L << 20,
            8_000);

    CheckpointPolicy {
        if (segmentBytes <= 0 || windowOps <= 0 || windowMillis <= 0 || windowJournalBytes <= 0 || backlogBytes <= 0
                || transactionOps <= 0) {
            throw new IllegalArgumentException("every checkpoint limit must be positive");
        }
    }
}
