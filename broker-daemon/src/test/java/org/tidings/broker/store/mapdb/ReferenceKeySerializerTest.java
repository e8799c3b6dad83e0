package org.tidings.broker.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tidings.broker.store.mapdb.ReferenceKeySerializer.key;

import java.io.IOException;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.DataInput2;
import org.mapdb.DataOutput2;
import org.mapdb.Serializer;

@Timeout(10)
class ReferenceKeySerializerTest {

    private final ReferenceKeySerializer serializer = new ReferenceKeySerializer();

    @Test
    void nodeKeysRoundTripForEveryLongValue() throws IOException {
        Object[] keys = {key(Long.MIN_VALUE, Long.MAX_VALUE), key(-1, 0), key(0, -5), key(1, 1), key(1, 2),
                key(1, 1_000_000_000_000L), key(Long.MAX_VALUE, Long.MIN_VALUE)};
        DataOutput2 out = new DataOutput2();

        serializer.valueArraySerialize(out, serializer.valueArrayFromArray(keys));
        Object read = serializer.valueArrayDeserialize(new DataInput2.ByteArray(out.copyBytes()), keys.length);

        assertThat(serializer.valueArrayToArray(read)).containsExactly(keys);
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

        serializer.valueArraySerialize(out, serializer.valueArrayFromArray(keys));

        assertThat(out.pos).isLessThanOrEqualTo(2 * keys.length + 4);
    }

    @Test
    void ordersByQueueThenMessage() {
        assertThat(serializer.compare(key(1, 9), key(2, 1))).isNegative();
        assertThat(serializer.compare(key(2, 1), key(2, 9))).isNegative();
        assertThat(serializer.compare(key(2, 9), key(2, 9))).isZero();
    }

    @Test
    void aBTreeOverTheseKeysBehavesLikeASortedMap() {
        DB db = DBMaker.memoryDB().make();
        BTreeMap<long[], Integer> tree = db.treeMap("refs", serializer, Serializer.INTEGER).maxNodeSize(8)
                .createOrOpen();
        TreeMap<long[], Integer> expected = new TreeMap<>(serializer);
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long[] key = key(random.nextInt(5) - 2, random.nextInt(4_000) - 100);
            if (random.nextInt(3) == 0) {
                assertThat(tree.remove(key)).isEqualTo(expected.remove(key));
            } else {
                assertThat(tree.put(key, i)).isEqualTo(expected.put(key, i));
            }
        }

        assertThat(tree.size()).isEqualTo(expected.size());
        assertThat(tree.keySet()).zipSatisfy(expected.keySet(), (actual, wanted) -> assertThat(actual)
                .containsExactly(wanted));
        assertThat(tree.subMap(key(1, Long.MIN_VALUE), true, key(1, Long.MAX_VALUE), true).values())
                .containsExactlyElementsOf(expected.subMap(key(1, Long.MIN_VALUE), true, key(1, Long.MAX_VALUE), true)
                        .values());
        assertThat(tree.get(expected.firstKey())).isEqualTo(expected.firstEntry().getValue());
        db.close();
    }
}
