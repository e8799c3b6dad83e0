package org.tidings.broker.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tidings.broker.store.mapdb.ReferenceKeySerializer.key;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mapdb.DataInput2;
import org.mapdb.DataOutput2;

@Timeout(10)
class ReferenceKeySerializerTest {

    private final ReferenceKeySerializer serializer = new ReferenceKeySerializer();

    @Test
    void nodeKeysRoundTripForEveryLongValue() throws IOException {
        Object[] keys = {key(Long.MIN_VALUE, Long.MAX_VALUE), key(-1, 0), key(0, -5), key(1, 1), key(1, 2),
                key(1, 1_000_000_000_000L), key(Long.MAX_VALUE, Long.MIN_VALUE)};
        DataOutput2 out = new DataOutput2();

        serializer.valueArraySerialize(out, keys);
        Object[] read = serializer.valueArrayDeserialize(new DataInput2.ByteArray(out.copyBytes()), keys.length);

        assertThat(read).containsExactly(keys);
    }

    @Test
    void singleKeyRoundTrips() throws IOException {
        DataOutput2 out = new DataOutput2();

        serializer.serialize(out, key(-7, Long.MAX_VALUE));

        assertThat(serializer.deserialize(new DataInput2.ByteArray(out.copyBytes()), -1))
                .containsExactly(-7, Long.MAX_VALUE);
    }

    @Test
    void consecutiveKeysOfOneQueueTakeTwoBytesEach() throws IOException {
        Object[] keys = new Object[32];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = key(7, 1_000_000 + i);
        }
        DataOutput2 out = new DataOutput2();

        serializer.valueArraySerialize(out, keys);

        assertThat(out.pos).isLessThanOrEqualTo(2 * keys.length + 4);
    }

    @Test
    void ordersByQueueThenMessage() {
        assertThat(serializer.compare(key(1, 9), key(2, 1))).isNegative();
        assertThat(serializer.compare(key(2, 1), key(2, 9))).isNegative();
        assertThat(serializer.compare(key(2, 9), key(2, 9))).isZero();
    }
}
