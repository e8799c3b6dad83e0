package org.tidings.broker.store.journal;

import org.tidings.broker.store.QueueRecord;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreOperation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32C;

/**
 * The journal's record format: {@code int length, int crc32c, payload}, the payload being one {@link StoreBatch}
 * as a count of operations, each a tag byte and its fields. A record whose length overruns the file or whose
 * checksum does not match is a torn write: it was never confirmed, and reading stops there.
 */
public final class JournalCodec {

    /** Bytes before the payload: length and checksum. */
    public static final int HEADER = 8;

    private static final int ADD_QUEUE = 1;
    private static final int DELETE_QUEUE = 2;
    private static final int ADD_MESSAGE = 3;
    private static final int DELETE_MESSAGE = 4;
    private static final int ADD_REFERENCE = 5;
    private static final int REMOVE_REFERENCE = 6;
    private static final int UPDATE_DELIVERY_COUNT = 7;

    private JournalCodec() {
    }

    /** The whole record for {@code batch}: header and payload. */
    public static byte[] encode(StoreBatch batch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + estimate(batch));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(0);
            out.writeInt(batch.operations().size());
            for (StoreOperation op : batch.operations()) {
                write(out, op);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] record = bytes.toByteArray();
        int length = record.length - HEADER;
        CRC32C crc = new CRC32C();
        crc.update(record, HEADER, length);
        writeInt(record, 0, length);
        writeInt(record, 4, (int) crc.getValue());
        return record;
    }

    /** Whether {@code payload} matches the checksum from its record header. */
    public static boolean checksumMatches(byte[] payload, int checksum) {
        CRC32C crc = new CRC32C();
        crc.update(payload, 0, payload.length);
        return (int) crc.getValue() == checksum;
    }

    /** The batch in a record's payload (checksum already verified). */
    public static StoreBatch decode(byte[] payload) {
        StoreBatch.Builder batch = StoreBatch.builder();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                batch.add(read(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("journal record does not decode", e);
        }
        return batch.build();
    }

    private static int estimate(StoreBatch batch) {
        int size = 0;
        for (StoreOperation op : batch.operations()) {
            size += op instanceof StoreOperation.AddMessage add ? add.encoded().length + 16 : 24;
        }
        return size;
    }

    private static void write(DataOutputStream out, StoreOperation op) throws IOException {
        if (op instanceof StoreOperation.AddMessage add) {
            out.writeByte(ADD_MESSAGE);
            out.writeLong(add.messageId());
            out.writeInt(add.encoded().length);
            out.write(add.encoded());
        } else if (op instanceof StoreOperation.AddReference add) {
            out.writeByte(ADD_REFERENCE);
            out.writeLong(add.queueId());
            out.writeLong(add.messageId());
        } else if (op instanceof StoreOperation.RemoveReference remove) {
            out.writeByte(REMOVE_REFERENCE);
            out.writeLong(remove.queueId());
            out.writeLong(remove.messageId());
        } else if (op instanceof StoreOperation.DeleteMessage delete) {
            out.writeByte(DELETE_MESSAGE);
            out.writeLong(delete.messageId());
        } else if (op instanceof StoreOperation.UpdateDeliveryCount update) {
            out.writeByte(UPDATE_DELIVERY_COUNT);
            out.writeLong(update.queueId());
            out.writeLong(update.messageId());
            out.writeInt(update.deliveryCount());
        } else if (op instanceof StoreOperation.AddQueue add) {
            out.writeByte(ADD_QUEUE);
            QueueRecord q = add.queue();
            out.writeLong(q.id());
            out.writeByte(q.kind().ordinal());
            writeNullable(out, q.name());
            writeNullable(out, q.clientId());
            writeNullable(out, q.subscriptionName());
            writeNullable(out, q.selector());
            out.writeBoolean(q.noLocal());
        } else if (op instanceof StoreOperation.DeleteQueue delete) {
            out.writeByte(DELETE_QUEUE);
            out.writeLong(delete.queueId());
        } else {
            throw new IllegalArgumentException("unknown store operation " + op);
        }
    }

    private static StoreOperation read(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case ADD_MESSAGE -> {
                long id = in.readLong();
                byte[] encoded = new byte[in.readInt()];
                in.readFully(encoded);
                yield new StoreOperation.AddMessage(id, encoded);
            }
            case ADD_REFERENCE -> new StoreOperation.AddReference(in.readLong(), in.readLong());
            case REMOVE_REFERENCE -> new StoreOperation.RemoveReference(in.readLong(), in.readLong());
            case DELETE_MESSAGE -> new StoreOperation.DeleteMessage(in.readLong());
            case UPDATE_DELIVERY_COUNT -> new StoreOperation.UpdateDeliveryCount(in.readLong(), in.readLong(),
                    in.readInt());
            case ADD_QUEUE -> new StoreOperation.AddQueue(new QueueRecord(in.readLong(),
                    QueueRecord.Kind.values()[in.readUnsignedByte()], readNullable(in), readNullable(in),
                    readNullable(in), readNullable(in), in.readBoolean()));
            case DELETE_QUEUE -> new StoreOperation.DeleteQueue(in.readLong());
            default -> throw new IOException("unknown journal operation tag " + tag);
        };
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeInt(byte[] target, int at, int value) {
        target[at] = (byte) (value >>> 24);
        target[at + 1] = (byte) (value >>> 16);
        target[at + 2] = (byte) (value >>> 8);
        target[at + 3] = (byte) value;
    }
}
