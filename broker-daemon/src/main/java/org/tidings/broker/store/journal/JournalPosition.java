package org.tidings.broker.store.journal;

/**
 * A place in the journal: a segment number and a byte offset in it. Everything before a position is covered by a
 * checkpoint once the indexed store has committed that position.
 */
public record JournalPosition(long segment, long offset) implements Comparable<JournalPosition> {

    /** Before every record of every segment. */
    public static final JournalPosition START = new JournalPosition(0, 0);

    @Override
    public int compareTo(JournalPosition other) {
        int bySegment = Long.compare(segment, other.segment);
        return bySegment != 0 ? bySegment : Long.compare(offset, other.offset);
    }
}
