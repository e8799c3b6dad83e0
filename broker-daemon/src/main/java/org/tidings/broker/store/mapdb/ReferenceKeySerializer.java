package org.tidings.broker.store.mapdb;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;

import org.mapdb.DataInput2;
import org.mapdb.DataOutput2;
import org.mapdb.serializer.GroupSerializer;
import org.mapdb.serializer.SerializerLongArray;

/**
 * Stores a key of two longs, {@code long[] {queueId, n}} — in {@link MapDbTables} a queue and the number of one of its
 * {@link ReferencePage}s — ordered by queue id, then {@code n}.
 *
 * <p>Unlike {@code Serializer.LONG_ARRAY} (a length and two fixed 8-byte longs per key), a B-tree node's keys are
 * written as variable-length deltas from the previous key: keys of one queue usually differ by a small step, so a
 * key takes about 2–4 bytes. Differences wrap modulo 2<sup>64</sup>, so every long value round-trips.
 *
 * <p>In memory a node's keys are one {@code long[]} of pairs, not an array of key arrays: MapDB deserializes a node
 * on every access, and when the tree held a key per reference, a key object per entry was the largest allocation
 * of a broker with a backlog (0.9 of 3 GB over a 200,000 message fill and drain). Key objects are made only when
 * MapDB asks for a single key. Equality, hashing and ordering are those of MapDB's {@code long[]} serializer.
 */
final class ReferenceKeySerializer implements GroupSerializer<long[]> {

    private static final SerializerLongArray ARRAYS = new SerializerLongArray();

    static long[] key(long queueId, long second) {
        return new long[] {queueId, second};
    }

    @Override
    public void serialize(DataOutput2 out, long[] key) {
        out.packLong(key[0]);
        out.packLong(key[1]);
    }

    @Override
    public long[] deserialize(DataInput2 in, int available) throws IOException {
        return key(in.unpackLong(), in.unpackLong());
    }

    @Override
    public int compare(long[] first, long[] second) {
        return ARRAYS.compare(first, second);
    }

    @Override
    public boolean equals(long[] first, long[] second) {
        return ARRAYS.equals(first, second);
    }

    @Override
    public int hashCode(long[] key, int seed) {
        return ARRAYS.hashCode(key, seed);
    }

    @Override
    public long[] nextValue(long[] key) {
        return ARRAYS.nextValue(key);
    }

    @Override
    public boolean isTrusted() {
        return true;
    }

    @Override
    public void valueArraySerialize(DataOutput2 out, Object keys) {
        long[] pairs = (long[]) keys;
        long queueId = 0;
        long second = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            out.packLong(pairs[i] - queueId);
            out.packLong(pairs[i + 1] - second);
            queueId = pairs[i];
            second = pairs[i + 1];
        }
    }

    @Override
    public long[] valueArrayDeserialize(DataInput2 in, int size) throws IOException {
        long[] pairs = new long[2 * size];
        long queueId = 0;
        long second = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            queueId += in.unpackLong();
            second += in.unpackLong();
            pairs[i] = queueId;
            pairs[i + 1] = second;
        }
        return pairs;
    }

    @Override
    public long[] valueArrayGet(Object keys, int pos) {
        long[] pairs = (long[]) keys;
        return key(pairs[2 * pos], pairs[2 * pos + 1]);
    }

    @Override
    public int valueArraySize(Object keys) {
        return ((long[]) keys).length / 2;
    }

    @Override
    public long[] valueArrayEmpty() {
        return new long[0];
    }

    @Override
    public long[] valueArrayPut(Object keys, int pos, long[] key) {
        long[] pairs = (long[]) keys;
        long[] grown = new long[pairs.length + 2];
        System.arraycopy(pairs, 0, grown, 0, 2 * pos);
        System.arraycopy(pairs, 2 * pos, grown, 2 * pos + 2, pairs.length - 2 * pos);
        grown[2 * pos] = key[0];
        grown[2 * pos + 1] = key[1];
        return grown;
    }

    @Override
    public long[] valueArrayUpdateVal(Object keys, int pos, long[] key) {
        long[] updated = ((long[]) keys).clone();
        updated[2 * pos] = key[0];
        updated[2 * pos + 1] = key[1];
        return updated;
    }

    @Override
    public long[] valueArrayFromArray(Object[] keys) {
        long[] pairs = new long[2 * keys.length];
        for (int i = 0; i < keys.length; i++) {
            long[] key = (long[]) keys[i];
            pairs[2 * i] = key[0];
            pairs[2 * i + 1] = key[1];
        }
        return pairs;
    }

    @Override
    public long[] valueArrayCopyOfRange(Object keys, int from, int to) {
        return Arrays.copyOfRange((long[]) keys, 2 * from, 2 * to);
    }

    /** Removes the key at {@code pos - 1}: MapDB counts this position from 1. */
    @Override
    public long[] valueArrayDeleteValue(Object keys, int pos) {
        long[] pairs = (long[]) keys;
        long[] shrunk = new long[pairs.length - 2];
        int at = 2 * (pos - 1);
        System.arraycopy(pairs, 0, shrunk, 0, at);
        System.arraycopy(pairs, at + 2, shrunk, at, shrunk.length - at);
        return shrunk;
    }

    @Override
    public Object[] valueArrayToArray(Object keys) {
        Object[] all = new Object[valueArraySize(keys)];
        for (int i = 0; i < all.length; i++) {
            all[i] = valueArrayGet(keys, i);
        }
        return all;
    }

    @Override
    public int valueArraySearch(Object keys, long[] key) {
        long[] pairs = (long[]) keys;
        int low = 0;
        int high = pairs.length / 2 - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int order = pairs[2 * mid] != key[0] ? Long.compare(pairs[2 * mid], key[0])
                    : Long.compare(pairs[2 * mid + 1], key[1]);
            if (order < 0) {
                low = mid + 1;
            } else if (order > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int valueArraySearch(Object keys, long[] key, Comparator comparator) {
        if (comparator == this || comparator == null) {
            return valueArraySearch(keys, key);
        }
        int low = 0;
        int high = valueArraySize(keys) - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int order = comparator.compare(valueArrayGet(keys, mid), key);
            if (order < 0) {
                low = mid + 1;
            } else if (order > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }
}
