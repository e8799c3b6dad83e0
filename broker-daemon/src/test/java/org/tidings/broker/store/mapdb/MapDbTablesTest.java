package org.tidings.broker.store.mapdb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tables refuse a file of an earlier layout with a reason instead of misreading it. */
class MapDbTablesTest {

    @TempDir
    Path directory;

    @Test
    void aStoreWithOneEntryPerReferenceIsRefused() {
        try (DB earlier = DBMaker.fileDB(directory.resolve(MapDbTables.FILE_NAME).toFile()).transactionEnable()
                .make()) {
            earlier.treeMap("references", Serializer.LONG_ARRAY, Serializer.INTEGER_PACKED).create()
                    .put(new long[] {1, 1}, 0);
            earlier.commit();
        }

        assertThatThrownBy(() -> MapDbTables.open(directory)).hasMessageContaining("TDS1008")
                .hasMessageContaining("earlier Tidings");
    }
}
