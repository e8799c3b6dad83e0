package org.tidings.broker.store.mapdb;

import org.junit.jupiter.api.Test;
import org.mapdb.DataInput2;
import org.mapdb.DataOutput2;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A page keeps references and their counts like a sorted map would, and both stored forms read back the same. */
class ReferencePageTest {

    private final ReferencePageSerializer serializer = new ReferencePageSerializer();

    @Test
    void keepsReferencesAndCountsLikeASortedMap() throws IOException {
        Random random = new Random(7);
        ReferencePage page = new ReferencePage();
        TreeMap<Integer, Integer> expected = new TreeMap<>();
        for (int i = 0; i < 20_000; i++) {
            int offset = random.nextInt(ReferencePage.SIZE);
            switch (random.nextInt(3)) {
                case 0 -> {
                    int count = random.nextInt(3);
                    page.put(offset, count);
                    expected.put(offset, count);
                }
                case 1 -> {
                    int count = 1 + random.nextInt(5);
                    page.updateCount(offset, count);
                    expected.computeIfPresent(offset, (k, v) -> count);
                }
                default -> {
                    page.remove(offset);
                    expected.remove(offset);
                }
            }
        }
        assertThat(contents(page)).isEqualTo(List.copyOf(expected.entrySet()).stream()
                .map(e -> List.of(e.getKey(), e.getValue())).toList());
        assertThat(page.size()).isEqualTo(expected.size());
        assertThat(contents(roundTrip(page))).isEqualTo(contents(page));
    }

    @Test
    void aSparsePageIsStoredAsOffsetsAndAFullOneAsBits() throws IOException {
        ReferencePage sparse = new ReferencePage();
        sparse.put(5, 0);
        sparse.put(4000, 3);
        ReferencePage full = new ReferencePage();
        for (int offset = 0; offset < ReferencePage.SIZE; offset++) {
            full.put(offset, offset % 100 == 0 ? 2 : 0);
        }

        assertThat(serialized(sparse)).hasSizeLessThan(12);
        assertThat(contents(roundTrip(sparse))).containsExactly(List.of(5, 0), List.of(4000, 3));
        assertThat(serialized(full).length).isLessThan(ReferencePage.SIZE / 8 + 200);
        assertThat(contents(roundTrip(full))).isEqualTo(contents(full));
        assertThat(roundTrip(full).size()).isEqualTo(ReferencePage.SIZE);
    }

    @Test
    void messageIdsMapToPagesAndOffsetsAndBack() {
        long id = 123_456_789_012L;
        assertThat(ReferencePage.messageId(ReferencePage.pageOf(id), ReferencePage.offsetOf(id))).isEqualTo(id);
        assertThat(ReferencePage.pageOf(ReferencePage.SIZE - 1)).isZero();
        assertThat(ReferencePage.pageOf(ReferencePage.SIZE)).isEqualTo(1);
    }

    private List<List<Integer>> contents(ReferencePage page) {
        List<List<Integer>> contents = new ArrayList<>();
        for (int offset = page.next(0); offset >= 0; offset = page.next(offset + 1)) {
            contents.add(List.of(offset, page.deliveryCount(offset)));
        }
        return contents;
    }

    private byte[] serialized(ReferencePage page) throws IOException {
        DataOutput2 out = new DataOutput2();
        serializer.serialize(out, page);
        return out.copyBytes();
    }

    private ReferencePage roundTrip(ReferencePage page) throws IOException {
        byte[] bytes = serialized(page);
        return serializer.deserialize(new DataInput2.ByteArray(bytes), bytes.length);
    }
}
