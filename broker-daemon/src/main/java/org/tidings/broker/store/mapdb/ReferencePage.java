package org.tidings.broker.store.mapdb;

import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;

/**
 * One queue's references to the messages of one page of message ids ({@value #SIZE} consecutive ids, page number
 * {@code messageId >>> }{@value #SHIFT}), with their delivery counts: the unit in which {@link MapDbTables} stores
 * references. A reference is a bit; a delivery count other than zero is kept beside it.
 *
 * <p>Why pages: message ids grow, and a queue's messages mostly arrive and leave in id order, so a checkpoint
 * touches a few pages where it would touch a B-tree entry per reference. A B-tree keyed per reference was, with its
 * node copies on every insert and removal, most of what a broker with a backlog allocated (1.6 of 2.6 GB over a
 * 200,000 message fill and drain) and never freed the nodes churn emptied.
 *
 * <p>Mutable, used by one thread: loaded, changed and stored again within one checkpoint.
 */
final class ReferencePage {

    static final int SHIFT = 12;
    static final int SIZE = 1 << SHIFT;
    /** The words of a page's bits. */
    static final int WORDS = SIZE / Long.SIZE;

    private final long[] words = new long[WORDS];
    /** Delivery counts other than zero, by offset. */
    private final IntIntHashMap counts = new IntIntHashMap();
    private int size;

    static long pageOf(long messageId) {
        return messageId >>> SHIFT;
    }

    static int offsetOf(long messageId) {
        return (int) (messageId & (SIZE - 1));
    }

    static long messageId(long page, int offset) {
        return page << SHIFT | offset;
    }

    /** Adds the reference at {@code offset}, or replaces its delivery count. */
    void put(int offset, int deliveryCount) {
        if (!contains(offset)) {
            words[offset >>> 6] |= 1L << offset;
            size++;
        }
        setCount(offset, deliveryCount);
    }

    /** Sets the delivery count of the reference at {@code offset}, if there is one. */
    void updateCount(int offset, int deliveryCount) {
        if (contains(offset)) {
            setCount(offset, deliveryCount);
        }
    }

    /** Removes the reference at {@code offset}, if there is one. */
    void remove(int offset) {
        if (contains(offset)) {
            words[offset >>> 6] &= ~(1L << offset);
            counts.remove(offset);
            size--;
        }
    }

    boolean contains(int offset) {
        return contains(words, offset);
    }

    /** Whether bit {@code offset} is set in {@code bits}, {@link #WORDS} words of a page's bits. */
    static boolean contains(long[] bits, int offset) {
        return (bits[offset >>> 6] & (1L << offset)) != 0;
    }

    /** Sets this page's references in {@code bits}, {@link #WORDS} words. */
    void addTo(long[] bits) {
        for (int i = 0; i < WORDS; i++) {
            bits[i] |= words[i];
        }
    }

    int deliveryCount(int offset) {
        return counts.get(offset);
    }

    /** Number of references. */
    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The offset of the first reference at or after {@code from}, or -1 when there is none. */
    int next(int from) {
        int index = from >>> 6;
        if (index >= words.length) {
            return -1;
        }
        long word = words[index] & (-1L << from);
        while (true) {
            if (word != 0) {
                return index * Long.SIZE + Long.numberOfTrailingZeros(word);
            }
            if (++index == words.length) {
                return -1;
            }
            word = words[index];
        }
    }

    /** Words of the bit set up to the last one with a reference. */
    int usedWords() {
        int used = words.length;
        while (used > 0 && words[used - 1] == 0) {
            used--;
        }
        return used;
    }

    long word(int index) {
        return words[index];
    }

    void setWord(int index, long word) {
        size += Long.bitCount(word) - Long.bitCount(words[index]);
        words[index] = word;
    }

    /** Offsets with a delivery count other than zero, ascending. */
    int[] countedOffsets() {
        return counts.keysView().toSortedArray();
    }

    private void setCount(int offset, int deliveryCount) {
        if (deliveryCount == 0) {
            counts.remove(offset);
        } else {
            counts.put(offset, deliveryCount);
        }
    }
}
