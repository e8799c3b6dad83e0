package org.tidings.broker.store.mapdb;

import java.io.IOException;

import org.mapdb.DataInput2;
import org.mapdb.DataOutput2;
import org.mapdb.Serializer;
import org.mapdb.serializer.GroupSerializerObjectArray;
import org.tidings.broker.store.QueueRecord;

/**
 * Stores a {@link QueueRecord}: a format byte, the id, the kind, a bit set of the optional fields present, then the
 * strings. The leading format byte lets a later version add fields and still read this one.
 */
final class QueueRecordSerializer extends GroupSerializerObjectArray<QueueRecord> {

    private static final int FORMAT_1 = 1;
    private static final int KIND_QUEUE = 0;
    private static final int KIND_DURABLE_SUBSCRIPTION = 1;
    private static final int CLIENT_ID = 1;
    private static final int SUBSCRIPTION_NAME = 1 << 1;
    private static final int SELECTOR = 1 << 2;
    private static final int NO_LOCAL = 1 << 3;

    @Override
    public void serialize(DataOutput2 out, QueueRecord queue) throws IOException {
        out.writeByte(FORMAT_1);
        out.writeLong(queue.id());
        out.writeByte(switch (queue.kind()) {
            case QUEUE -> KIND_QUEUE;
            case DURABLE_SUBSCRIPTION -> KIND_DURABLE_SUBSCRIPTION;
        });
        int present = (queue.clientId() != null ? CLIENT_ID : 0)
                | (queue.subscriptionName() != null ? SUBSCRIPTION_NAME : 0)
                | (queue.selector() != null ? SELECTOR : 0)
                | (queue.noLocal() ? NO_LOCAL : 0);
        out.writeByte(present);
        Serializer.STRING.serialize(out, queue.name());
        writeIfPresent(out, queue.clientId());
        writeIfPresent(out, queue.subscriptionName());
        writeIfPresent(out, queue.selector());
    }

    @Override
    public QueueRecord deserialize(DataInput2 in, int available) throws IOException {
        int format = in.readUnsignedByte();
        if (format != FORMAT_1) {
            throw new IOException("unknown queue record format " + format);
        }
        long id = in.readLong();
        QueueRecord.Kind kind = switch (in.readUnsignedByte()) {
            case KIND_QUEUE -> QueueRecord.Kind.QUEUE;
            case KIND_DURABLE_SUBSCRIPTION -> QueueRecord.Kind.DURABLE_SUBSCRIPTION;
            default -> throw new IOException("unknown queue kind in queue record " + id);
        };
        int present = in.readUnsignedByte();
        String name = Serializer.STRING.deserialize(in, -1);
        String clientId = readIfPresent(in, present, CLIENT_ID);
        String subscriptionName = readIfPresent(in, present, SUBSCRIPTION_NAME);
        String selector = readIfPresent(in, present, SELECTOR);
        return new QueueRecord(id, kind, name, clientId, subscriptionName, selector, (present & NO_LOCAL) != 0);
    }

    @Override
    public boolean isTrusted() {
        return true;
    }

    private static void writeIfPresent(DataOutput2 out, String value) throws IOException {
        if (value != null) {
            Serializer.STRING.serialize(out, value);
        }
    }

    private static String readIfPresent(DataInput2 in, int present, int flag) throws IOException {
        return (present & flag) != 0 ? Serializer.STRING.deserialize(in, -1) : null;
    }
}
