package org.tidings.broker.store.mapdb;

import java.io.IOException;

import org.mapdb.DataInput2;
import org.mapdb.DataOutput2;
import org.mapdb.serializer.GroupSerializerObjectArray;

/**
 * Stores a {@link ReferencePage} in whichever of two forms is smaller: its bit set up to the last word in use (a
 * page that is mostly full: 8 bytes per 64 ids), or the ascending offsets of its references as packed deltas (a
 * sparse page: one or two bytes per reference). Then the delivery counts other than zero, as (offset, count)
 * pairs. A leading format byte says which form follows.
 */
final class ReferencePageSerializer extends GroupSerializerObjectArray<ReferencePage> {

    private static final int BITS = 1;
    private static final int OFFSETS = 2;

    @Override
    public void serialize(DataOutput2 out, ReferencePage page) throws IOException {
        int usedWords = page.usedWords();
        if (page.size() * 2 < usedWords * Long.BYTES) {
            out.writeByte(OFFSETS);
            out.packInt(page.size());
            int previous = 0;
            for (int offset = page.next(0); offset >= 0; offset = page.next(offset + 1)) {
                out.packInt(offset - previous);
                previous = offset;
            }
        } else {
            out.writeByte(BITS);
            out.packInt(usedWords);
            for (int i = 0; i < usedWords; i++) {
                out.writeLong(page.word(i));
            }
        }
        int[] counted = page.countedOffsets();
        out.packInt(counted.length);
        for (int offset : counted) {
            out.packInt(offset);
            out.packInt(page.deliveryCount(offset));
        }
    }

    @Override
    public ReferencePage deserialize(DataInput2 in, int available) throws IOException {
        ReferencePage page = new ReferencePage();
        int format = in.readUnsignedByte();
        if (format == OFFSETS) {
            int size = in.unpackInt();
            int offset = 0;
            for (int i = 0; i < size; i++) {
                offset += in.unpackInt();
                page.put(offset, 0);
            }
        } else if (format == BITS) {
            int usedWords = in.unpackInt();
            for (int i = 0; i < usedWords; i++) {
                page.setWord(i, in.readLong());
            }
        } else {
            throw new IOException("unknown reference page format " + format);
        }
        int counted = in.unpackInt();
        for (int i = 0; i < counted; i++) {
            page.updateCount(in.unpackInt(), in.unpackInt());
        }
        return page;
    }
}
