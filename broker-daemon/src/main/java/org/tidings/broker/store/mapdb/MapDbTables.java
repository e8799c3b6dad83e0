package org.tidings.broker.store.mapdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;

import org.mapdb.Atomic;
import org.mapdb.BTreeMap;
import org.mapdb.CC;
import org.mapdb.DB;
import org.eclipse.collections.impl.map.mutable.primitive.LongObjectHashMap;
import org.mapdb.Serializer;
import org.mapdb.serializer.SerializerArrayTuple;
import org.mapdb.StoreWAL;
import org.mapdb.volume.ByteArrayVol;
import org.mapdb.volume.FileChannelVol;
import org.mapdb.volume.Volume;
import org.mapdb.volume.VolumeFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tidings.broker.store.QueueRecord;
import org.tidings.broker.store.RecoveryListener;
import org.tidings.broker.store.RecoveryResult;
import org.tidings.broker.store.journal.JournalPosition;
import org.tidings.broker.store.StoreOperation;

/**
 * The store's indexed state in one MapDB file: queues and references, not message bodies (the journal keeps those,
 * see {@link BodyIndex}). {@link DB#commit()} is atomic across a crash and forces the file to disk before it returns
 * (see {@link RedoLoggedVolume}).
 *
 * <p>Layout (MapDB 3.1 never shrinks its file and its B-tree never frees emptied nodes, so a layout is judged by
 * speed and by what churn leaves behind):
 * <ul>
 *   <li>{@code referencePages}: B-tree, {@code long[] {queueId, page}} → {@link ReferencePage}, the references of
 *       a queue to {@value ReferencePage#SIZE} consecutive message ids with their delivery counts, stored outside
 *       the nodes; one queue's pages are one ascending key range (recovery order, {@code DeleteQueue}); keys are
 *       delta-packed by {@link ReferenceKeySerializer}. A page is deleted when its last reference goes, so churn
 *       leaves about one emptied node per million messages.</li>
 *   <li>{@code queues}: B-tree, queue id → {@link QueueRecord}.</li>
 *   <li>{@code duplicateIds}: B-tree, (destination, slot) → (sequence, duplicate id): each destination's ring of
 *       the last duplicate ids sent to it.</li>
 *   <li>{@code maxQueueId}, {@code maxMessageId}: the highest ids ever stored, so ids stay unique even when the
 *       newest queue or message was deleted before a restart.</li>
 *
 *   <li>{@code journalSegment}, {@code journalOffset}: the journal position the tables are complete up to; a
 *       restart replays the journal from there.</li>
 * </ul>
 *
 * <p>Threading: MapDB is thread-safe, but this class is not: the journal replay and {@link #recover} run before the
 * {@link Checkpointer} starts, the writes ({@link #apply}, {@link #commit}, ...) then run on its thread only, and
 * {@link #close} after it stopped.
 */
final class MapDbTables implements AutoCloseable {

    static final String FILE_NAME = "tidings.mapdb";
    static final String REDO_FILE_NAME = "tidings.mapdb.redo";

    private static final Logger LOG = LoggerFactory.getLogger(MapDbTables.class);

    private final DB db;
    private final BTreeMap<Long, QueueRecord> queues;
    private final BTreeMap<long[], ReferencePage> referencePages;
    private final BTreeMap<Object[], Object[]> duplicateIds;
    private final Atomic.Long queueHighWater;
    private final Atomic.Long messageHighWater;
    private final Atomic.Long journalSegment;
    private final Atomic.Long journalOffset;
    private long maxQueueId;
    private long maxMessageId;
    private boolean highWaterChanged;

    /** The table in which an earlier layout kept message bodies. */
    private static final String EARLIER_MESSAGES_TABLE = "messages";
    /** The table in which an earlier layout kept one entry per reference. */
    private static final String EARLIER_REFERENCES_TABLE = "references";

    private MapDbTables(DB db) {
        if (db.exists(EARLIER_MESSAGES_TABLE)) {
            throw new IllegalStateException("TDS1005: this store was written by an earlier Tidings, which kept "
                    + "message bodies in MapDB; this version keeps them in the journal and cannot read it. Drain it "
                    + "with the earlier version, or move the directory away to start empty");
        }
        if (db.exists(EARLIER_REFERENCES_TABLE)) {
            throw new IllegalStateException("TDS1008: this store was written by an earlier Tidings, which kept one "
                    + "MapDB entry per queued message; this version keeps them in pages and cannot read it. Drain it "
                    + "with the earlier version, or move the directory away to start empty");
        }
        this.db = db;
        this.queues = db.treeMap("queues", Serializer.LONG, new QueueRecordSerializer()).createOrOpen();
        this.referencePages = db.treeMap("referencePages", new ReferenceKeySerializer(),
                new ReferencePageSerializer()).valuesOutsideNodesEnable().createOrOpen();
        this.duplicateIds = db.treeMap("duplicateIds", new SerializerArrayTuple(Serializer.STRING, Serializer.INTEGER),
                new SerializerArrayTuple(Serializer.LONG, Serializer.STRING)).createOrOpen();
        this.queueHighWater = db.atomicLong("maxQueueId").createOrOpen();
        this.messageHighWater = db.atomicLong("maxMessageId").createOrOpen();
        this.journalSegment = db.atomicLong("journalSegment").createOrOpen();
        this.journalOffset = db.atomicLong("journalOffset").createOrOpen();
        this.maxQueueId = queueHighWater.get();
        this.maxMessageId = messageHighWater.get();
    }

    /**
     * Opens or creates {@value #FILE_NAME} in {@code directory}.
     *
     * <p>MapDB's transactional store keeps the uncommitted state and writes only within a commit, but it never reads
     * its own log back when it opens, so that log is kept in memory and the data file's commits are made atomic by
     * {@link RedoLoggedVolume} ({@value #REDO_FILE_NAME}). The data file is read and written through a FileChannel,
     * measured 2x faster here than MapDB's default RandomAccessFile (memory-mapped faster still, but every page of
     * the file it touches counts in the broker's resident memory).
     */
    static MapDbTables open(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            Files.createDirectories(directory);
            deleteMapDbLogFiles(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the store directory " + directory, e);
        }
        TablesVolumeFactory volumes = new TablesVolumeFactory(file.toString(), directory.resolve(REDO_FILE_NAME));
        boolean exists = volumes.exists(file.toString());
        // As DBMaker.fileDB(file).transactionEnable() builds it, but with this class's volumes.
        StoreWAL store = StoreWAL.make(file.toString(), volumes, 0L, true, CC.STORE_DIRECT_CONC_SHIFT, 0L, 0L,
                false, false, false, true, false);
        DB db = new DB(store, exists, true, MapDbTables.class.getClassLoader(), 0);
        try {
            MapDbTables tables = new MapDbTables(db);
            tables.commit();
            forceDirectory(directory);
            return tables;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Passes every stored queue and durable subscription to {@code listener}. */
    void recoverQueues(RecoveryListener listener) {
        queues.values().forEach(listener::queue);
    }

    /** Passes every remembered duplicate id to {@code listener}. */
    void recoverDuplicateIds(RecoveryListener listener) {
        for (Map.Entry<Object[], Object[]> entry : duplicateIds.entrySet()) {
            listener.duplicateId((String) entry.getKey()[0], (Long) entry.getValue()[0],
                    (String) entry.getValue()[1]);
        }
    }

    /** Every reference, read once, in ascending message id order per queue. */
    StoredReferences loadReferences() {
        StoredReferences loaded = new StoredReferences();
        for (Map.Entry<long[], ReferencePage> entry : referencePages.entrySet()) {
            long queueId = entry.getKey()[0];
            long page = entry.getKey()[1];
            ReferencePage refs = entry.getValue();
            for (int offset = refs.next(0); offset >= 0; offset = refs.next(offset + 1)) {
                loaded.add(queueId, ReferencePage.messageId(page, offset), refs.deliveryCount(offset));
            }
            loaded.referencedIn(page, refs);
        }
        return loaded;
    }

    /** References as read by {@link #loadReferences}, in primitive arrays (about 20 bytes each). */
    static final class StoredReferences {
        private long[] queueIds = new long[1024];
        private long[] messageIds = new long[1024];
        private int[] deliveryCounts = new int[1024];
        private int size;
        /** The ids some queue references, as the bits of their pages OR-ed over the queues, by page number. */
        private final LongObjectHashMap<long[]> referenced = new LongObjectHashMap<>();

        private void add(long queueId, long messageId, int deliveryCount) {
            if (size == queueIds.length) {
                queueIds = Arrays.copyOf(queueIds, size * 2);
                messageIds = Arrays.copyOf(messageIds, size * 2);
                deliveryCounts = Arrays.copyOf(deliveryCounts, size * 2);
            }
            queueIds[size] = queueId;
            messageIds[size] = messageId;
            deliveryCounts[size] = deliveryCount;
            size++;
        }

        private void referencedIn(long page, ReferencePage refs) {
            refs.addTo(referenced.getIfAbsentPut(page, () -> new long[ReferencePage.WORDS]));
        }

        /** Whether some queue references {@code messageId}. */
        boolean references(long messageId) {
            long[] bits = referenced.get(ReferencePage.pageOf(messageId));
            return bits != null && ReferencePage.contains(bits, ReferencePage.offsetOf(messageId));
        }

        /** Passes every reference to {@code listener}, in the order they were read. */
        void replay(RecoveryListener listener) {
            for (int i = 0; i < size; i++) {
                listener.reference(queueIds[i], messageIds[i], deliveryCounts[i]);
            }
        }
    }

    /** The highest ids ever stored. */
    RecoveryResult highestIds() {
        return new RecoveryResult(maxQueueId, maxMessageId);
    }

    /** The journal position the tables are complete up to. */
    JournalPosition checkpoint() {
        return new JournalPosition(journalSegment.get(), journalOffset.get());
    }

    /** Commits everything applied so far as covering the journal up to {@code position}. */
    void commitAt(JournalPosition position) {
        journalSegment.set(position.segment());
        journalOffset.set(position.offset());
        commit();
    }

    /** Makes everything applied since the last commit durable. */
    void commit() {
        if (highWaterChanged) {
            queueHighWater.set(maxQueueId);
            messageHighWater.set(maxMessageId);
            highWaterChanged = false;
        }
        db.commit();
    }

    @Override
    public void close() {
        db.close();
    }

    /** Records that {@code messageId} was used, even if the message itself never reached the tables. */
    void raiseMessageHighWater(long messageId) {
        if (messageId > maxMessageId) {
            maxMessageId = messageId;
            highWaterChanged = true;
        }
    }

    /** The stored references of {@code queueId} in {@code page}, to be changed and stored again; empty if none. */
    ReferencePage referencePage(long queueId, long page) {
        ReferencePage stored = referencePages.get(ReferenceKeySerializer.key(queueId, page));
        return stored != null ? stored : new ReferencePage();
    }

    /** Stores {@code refs} as the references of {@code queueId} in {@code page} (uncommitted); none deletes it. */
    void storeReferencePage(long queueId, long page, ReferencePage refs) {
        long[] key = ReferenceKeySerializer.key(queueId, page);
        if (refs.isEmpty()) {
            referencePages.remove(key);
        } else {
            referencePages.put(key, refs);
        }
    }

    /**
     * Applies one operation on messages, queues or duplicate ids to the uncommitted state; references reach the
     * tables by page ({@link #storeReferencePage}).
     */
    void apply(StoreOperation op) {
        if (op instanceof StoreOperation.AddMessage add) {
            raiseMessageHighWater(add.messageId());
        } else if (op instanceof StoreOperation.RewriteMessage || op instanceof StoreOperation.DeleteMessage) {
            // the journal keeps message bodies
        } else if (op instanceof StoreOperation.PutDuplicateId put) {
            duplicateIds.put(new Object[] {put.destination(), put.slot()},
                    new Object[] {put.sequence(), put.duplicateId()});
        } else if (op instanceof StoreOperation.AddQueue add) {
            queues.put(add.queue().id(), add.queue());
            if (add.queue().id() > maxQueueId) {
                maxQueueId = add.queue().id();
                highWaterChanged = true;
            }
        } else if (op instanceof StoreOperation.DeleteQueue delete) {
            queues.remove(delete.queueId());
            referencePages.subMap(ReferenceKeySerializer.key(delete.queueId(), Long.MIN_VALUE), true,
                    ReferenceKeySerializer.key(delete.queueId(), Long.MAX_VALUE), true).clear();
        } else {
            throw new IllegalArgumentException("not an operation on messages or queues: " + op);
        }
    }

    /** Deletes log files of MapDB's on disk: it never reads them, and earlier versions let it write them there. */
    private static void deleteMapDbLogFiles(Path directory) throws IOException {
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(directory, FILE_NAME + ".wal.*")) {
            for (Path log : logs) {
                Files.delete(log);
            }
        }
    }

    /**
     * The data file through {@link RedoLoggedVolume}; MapDB's log files in memory, in slices of 64 KiB: MapDB begins
     * a log file per commit, and in its default 1 MiB slices each was a humongous array on the heap.
     */
    private static final class TablesVolumeFactory extends VolumeFactory {
        private static final int LOG_SLICE_SHIFT = 16;

        private final String dataFile;
        private final Path redoFile;

        TablesVolumeFactory(String dataFile, Path redoFile) {
            this.dataFile = dataFile;
            this.redoFile = redoFile;
        }

        @Override
        public Volume makeVolume(String file, boolean readOnly, long fileLockWait, int sliceShift, long initSize,
                                 boolean fixedSize) {
            if (dataFile.equals(file)) {
                return RedoLoggedVolume.open(FileChannelVol.FACTORY.makeVolume(file, readOnly, fileLockWait,
                        sliceShift, initSize, fixedSize), redoFile);
            }
            return ByteArrayVol.FACTORY.makeVolume(file, readOnly, fileLockWait, LOG_SLICE_SHIFT, initSize,
                    fixedSize);
        }

        @Override
        public boolean exists(String file) {
            return dataFile.equals(file) && FileChannelVol.FACTORY.exists(file);
        }

        @Override
        public boolean handlesReadonly() {
            return false;
        }
    }

    /** Makes the new file's directory entry durable; MapDB forces only file contents. */
    private static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.warn("TDS1004: cannot force the store directory {} to disk; a crash right after the store was "
                    + "created may lose it", directory, e);
        }
    }
}
