package org.tidings.broker.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tidings.broker.store.RecordingListener;

/** Kills a writing JVM with SIGKILL and checks that every batch it reported durable is in the store. */
@Timeout(60)
class MapDbMessageStoreCrashTest {

    private static final int DURABLE_BEFORE_KILL = 2_000;

    @TempDir
    Path directory;

    @Test
    void everyBatchReportedDurableSurvivesAKill() throws IOException, InterruptedException {
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(), directory.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<Long> durable = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (durable.size() < DURABLE_BEFORE_KILL && (line = out.readLine()) != null) {
                durable.add(Long.parseLong(line.substring("durable ".length())));
            }
            writer.destroyForcibly();
            assertThat(writer.waitFor()).isNotZero();
        }
        assertThat(durable).hasSize(DURABLE_BEFORE_KILL);

        RecordingListener recovered = new RecordingListener();
        try (MapDbMessageStore store = new MapDbMessageStore(directory)) {
            store.recover(recovered);
        }

        assertThat(recovered.messages).containsKeys(durable.toArray(Long[]::new));
        assertThat(durable).allSatisfy(id -> assertThat(recovered.messages.get(id))
                .isEqualTo(CrashingWriter.payload(id)));
        assertThat(recovered.messageIdsOf(1)).containsAll(durable).isSorted();
    }
}
