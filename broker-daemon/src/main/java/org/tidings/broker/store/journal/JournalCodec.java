package org.tidings.broker.store.journal;

import org.tidings.broker.store.QueueRecord;
import org.tidings.broker.store.StoreBatch;
import org.tidings.broker.store.StoreOperation;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The journal's record format: {@code int length, int crc32c, payload}, the payload being one {@link StoreBatch}
 * as a count of operations, each a tag byte and its fields (strings as int length, -1 for null, and UTF-8; a message
 * body as int length and bytes, which the store later reads in place, see {@link JournalBodies}). A record whose
 * length overruns the file or whose checksum does not match is a torn write: it was never confirmed, and reading
 * stops there.
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
    private static final int REWRITE_MESSAGE = 8;
    private static final int PUT_DUPLICATE_ID = 9;

    /** Learns where the encoder put each message body. */
    @FunctionalInterface
    public interface BodyPlacement {

        /**
         * {@code op} (an {@code AddMessage} or {@code RewriteMessage}) has its body length, followed by the body, at
         * index {@code lengthIndex} of the output buffer.
         */
        void placed(StoreOperation op, int lengthIndex);
    }

    /** Receives each message body of a record. */
    @FunctionalInterface
    public interface BodyVisitor {

        /**
         * Message {@code messageId} (added, or rewritten if {@code rewrite}) has its body length at file offset
         * {@code lengthOffset}; the body lies between position and limit of {@code body}, valid only during the call.
         */
        void body(long messageId, boolean rewrite, long lengthOffset, ByteBuffer body);
    }

    private JournalCodec() {
    }

    /** The exact size of the record for {@code batch}, header included. */
    public static int recordSize(StoreBatch batch) {
        int size = HEADER + Integer.BYTES;
        for (StoreOperation op : batch.operations()) {
            size += 1 + operationSize(op);
        }
        return size;
    }

    private static int operationSize(StoreOperation op) {
        if (op instanceof StoreOperation.AddMessage add) {
            return Long.BYTES + Integer.BYTES + add.encoded().length;
        }
        if (op instanceof StoreOperation.RewriteMessage rewrite) {
            return Long.BYTES + Integer.BYTES + rewrite.encoded().length;
        }
        if (op instanceof StoreOperation.AddQueue add) {
            QueueRecord q = add.queue();
            return Long.BYTES + 1 + stringSize(q.name()) + stringSize(q.clientId())
                    + stringSize(q.subscriptionName()) + stringSize(q.selector()) + 1;
        }
        if (op instanceof StoreOperation.UpdateDeliveryCount) {
            return 2 * Long.BYTES + Integer.BYTES;
        }
        if (op instanceof StoreOperation.PutDuplicateId put) {
            return stringSize(put.destination()) + Integer.BYTES + Long.BYTES + stringSize(put.duplicateId());
        }
        if (op instanceof StoreOperation.AddReference || op instanceof StoreOperation.RemoveReference) {
            return 2 * Long.BYTES;
        }
        return Long.BYTES;
    }

    /** Writes the record for {@code batch} at the position of {@code out}, which has room for it. */
    public static void encode(StoreBatch batch, ByteBuffer out) {
        encode(batch, out, (op, lengthIndex) -> { });
    }

    /** As {@link #encode(StoreBatch, ByteBuffer)}, telling {@code placement} where each message body went. */
    public static void encode(StoreBatch batch, ByteBuffer out, BodyPlacement placement) {
        int start = out.position();
        out.position(start + HEADER);
        out.putInt(batch.operations().size());
        for (StoreOperation op : batch.operations()) {
            write(out, op, placement);
        }
        int length = out.position() - start - HEADER;
        CRC32C crc = new CRC32C();
        ByteBuffer payload = out.duplicate();
        payload.position(start + HEADER).limit(start + HEADER + length);
        crc.update(payload);
        out.putInt(start, length);
        out.putInt(start + 4, (int) crc.getValue());
    }

    /** The whole record for {@code batch}, as a new array. */
    public static byte[] encode(StoreBatch batch) {
        ByteBuffer buffer = ByteBuffer.allocate(recordSize(batch));
        encode(batch, buffer);
        return buffer.array();
    }

    /** Whether {@code payload} matches the checksum from its record header. */
    public static boolean checksumMatches(byte[] payload, int checksum) {
        CRC32C crc = new CRC32C();
        crc.update(payload, 0, payload.length);
        return (int) crc.getValue() == checksum;
    }

    /** The batch in a record's payload (checksum already verified). */
    public static StoreBatch decode(byte[] payload) {
        return decode(ByteBuffer.wrap(payload));
    }

    /** The batch in the record payload between position and limit of {@code in} (checksum already verified). */
    public static StoreBatch decode(ByteBuffer in) {
        StoreBatch.Builder batch = StoreBatch.builder();
        try {
            int count = in.getInt();
            for (int i = 0; i < count; i++) {
                batch.add(read(in));
            }
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IllegalStateException("journal record does not decode", e);
        }
        return batch.build();
    }

    /**
     * Passes each message body in the record payload between position and limit of {@code payload}, which begins at
     * file offset {@code payloadOffset}, to {@code visitor}, without copying it; the other operations are skipped.
     *
     * @throws IllegalStateException if the payload does not decode
     */
    public static void forEachBody(ByteBuffer payload, long payloadOffset, BodyVisitor visitor) {
        ByteBuffer in = payload.duplicate();
        long base = payloadOffset - in.position();
        try {
            int count = in.getInt();
            for (int i = 0; i < count; i++) {
                int tag = in.get(in.position()) & 0xFF;
                if (tag == ADD_MESSAGE || tag == REWRITE_MESSAGE) {
                    in.get();
                    long id = in.getLong();
                    int lengthIndex = in.position();
                    int length = in.getInt();
                    int bodyStart = in.position();
                    if (length < 0 || length > in.remaining()) {
                        throw new IllegalArgumentException("message body overruns its record");
                    }
                    visitor.body(id, tag == REWRITE_MESSAGE, base + lengthIndex,
                            in.duplicate().limit(bodyStart + length));
                    in.position(bodyStart + length);
                } else {
                    read(in);
                }
            }
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IllegalStateException("journal record does not decode", e);
        }
    }

    private static void write(ByteBuffer out, StoreOperation op, BodyPlacement placement) {
        if (op instanceof StoreOperation.AddMessage add) {
            out.put((byte) ADD_MESSAGE).putLong(add.messageId());
            placement.placed(op, out.position());
            out.putInt(add.encoded().length).put(add.encoded());
        } else if (op instanceof StoreOperation.RewriteMessage rewrite) {
            out.put((byte) REWRITE_MESSAGE).putLong(rewrite.messageId());
            placement.placed(op, out.position());
            out.putInt(rewrite.encoded().length).put(rewrite.encoded());
        } else if (op instanceof StoreOperation.AddReference add) {
            out.put((byte) ADD_REFERENCE).putLong(add.queueId()).putLong(add.messageId());
        } else if (op instanceof StoreOperation.RemoveReference remove) {
            out.put((byte) REMOVE_REFERENCE).putLong(remove.queueId()).putLong(remove.messageId());
        } else if (op instanceof StoreOperation.DeleteMessage delete) {
            out.put((byte) DELETE_MESSAGE).putLong(delete.messageId());
        } else if (op instanceof StoreOperation.UpdateDeliveryCount update) {
            out.put((byte) UPDATE_DELIVERY_COUNT).putLong(update.queueId()).putLong(update.messageId())
                    .putInt(update.deliveryCount());
        } else if (op instanceof StoreOperation.AddQueue add) {
            QueueRecord q = add.queue();
            out.put((byte) ADD_QUEUE).putLong(q.id()).put((byte) q.kind().ordinal());
            putString(out, q.name());
            putString(out, q.clientId());
            putString(out, q.subscriptionName());
            putString(out, q.selector());
            out.put((byte) (q.noLocal() ? 1 : 0));
        } else if (op instanceof StoreOperation.DeleteQueue delete) {
            out.put((byte) DELETE_QUEUE).putLong(delete.queueId());
        } else if (op instanceof StoreOperation.PutDuplicateId put) {
            out.put((byte) PUT_DUPLICATE_ID);
            putString(out, put.destination());
            out.putInt(put.slot()).putLong(put.sequence());
            putString(out, put.duplicateId());
        } else {
            throw new IllegalArgumentException("unknown store operation " + op);
        }
    }

    private static StoreOperation read(ByteBuffer in) {
        int tag = in.get() & 0xFF;
        return switch (tag) {
            case ADD_MESSAGE -> {
                long id = in.getLong();
                byte[] encoded = new byte[in.getInt()];
                in.get(encoded);
                yield new StoreOperation.AddMessage(id, encoded);
            }
            case REWRITE_MESSAGE -> {
                long id = in.getLong();
                byte[] encoded = new byte[in.getInt()];
                in.get(encoded);
                yield new StoreOperation.RewriteMessage(id, encoded);
            }
            case ADD_REFERENCE -> new StoreOperation.AddReference(in.getLong(), in.getLong());
            case REMOVE_REFERENCE -> new StoreOperation.RemoveReference(in.getLong(), in.getLong());
            case DELETE_MESSAGE -> new StoreOperation.DeleteMessage(in.getLong());
            case UPDATE_DELIVERY_COUNT -> new StoreOperation.UpdateDeliveryCount(in.getLong(), in.getLong(),
                    in.getInt());
            case ADD_QUEUE -> new StoreOperation.AddQueue(new QueueRecord(in.getLong(),
                    QueueRecord.Kind.values()[in.get()], getString(in), getString(in), getString(in),
                    getString(in), in.get() != 0));
            case DELETE_QUEUE -> new StoreOperation.DeleteQueue(in.getLong());
            case PUT_DUPLICATE_ID -> new StoreOperation.PutDuplicateId(getString(in), in.getInt(), in.getLong(),
                    getString(in));
            default -> throw new IllegalArgumentException("unknown journal operation tag " + tag);
        };
    }

    private static int stringSize(String value) {
        return Integer.BYTES + (value == null ? 0 : value.getBytes(StandardCharsets.UTF_8).length);
    }

    private static void putString(ByteBuffer out, String value) {
        if (value == null) {
            out.putInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.putInt(bytes.length).put(bytes);
    }

    private static String getString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
