package org.tidings.broker.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tidings.broker.store.RecordingListener;

/**
 * Kills writing JVMs with SIGKILL at random moments, several times over the same directory, and checks that every
 * batch whose callback fired is in the store and that no confirmed deletion comes back.
 */
@Timeout(180)
class MapDbMessageStoreCrashTest {

    private static final int ROUNDS = 6;
    private static final long IDS_PER_ROUND = 10_000_000;
    private static final Pattern CONFIRMATION = Pattern.compile("(stored|deleted|counted) (\\d+)");

    @TempDir
    Path directory;

    private final Set<Long> stored = new HashSet<>();
    private final Set<Long> deleted = new HashSet<>();
    private final Set<Long> counted = new HashSet<>();

    @Test
    void everyConfirmedBatchSurvivesKillsAtRandomMoments() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int round = 0; round < ROUNDS; round++) {
            // Even rounds kill once some confirmations arrived; odd ones after a delay that may end while the child
            // is still replaying what the previous kill left in the journal.
            boolean afterLines = round % 2 == 0;
            int lines = 200 + random.nextInt(8_000);
            long delayMillis = 100 + random.nextInt(2_500);
            runAndKill(round * IDS_PER_ROUND + 1, afterLines ? lines : Integer.MAX_VALUE,
                    afterLines ? Long.MAX_VALUE : delayMillis);
        }

        RecordingListener recovered = new RecordingListener();
        try (MapDbMessageStore store = new MapDbMessageStore(directory, CrashingWriter.POLICY)) {
            store.recover(recovered);
        }

        String context = "seed " + seed + ", " + stored.size() + " stored, " + deleted.size() + " deleted";
        assertThat(stored).as(context).isNotEmpty();
        // A deletion whose confirmation the kill cut off may or may not have become durable: only confirmed
        // deletions must stay gone, and only messages never meant to be deleted must all be there.
        Set<Long> survivors = stored.stream().filter(id -> !CrashingWriter.isDeleted(id)).collect(Collectors.toSet());
        assertThat(recovered.messages.keySet()).as(context).containsAll(survivors).doesNotContainAnyElementsOf(deleted);
        assertThat(survivors).as(context).allSatisfy(id -> assertThat(recovered.messages.get(id))
                .isEqualTo(CrashingWriter.payload(id)));
        Map<Long, Integer> counts = new HashMap<>();
        recovered.referencesOf(CrashingWriter.QUEUE).forEach(r -> counts.put(r.messageId(), r.deliveryCount()));
        assertThat(counts.keySet()).as("a batch is applied whole: message and reference together; " + context)
                .isEqualTo(recovered.messages.keySet());
        assertThat(recovered.messageIdsOf(CrashingWriter.QUEUE)).as(context).isSorted();
        assertThat(counted).as(context).filteredOn(survivors::contains)
                .allSatisfy(id -> assertThat(counts.get(id)).isEqualTo(CrashingWriter.DELIVERY_COUNT));
    }

    /** Runs a writer from {@code firstId} and kills it after {@code maxLines} confirmations or {@code delayMillis}. */
    private void runAndKill(long firstId, int maxLines, long delayMillis) throws IOException, InterruptedException {
        Process writer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(),
                directory.toString(), Long.toString(firstId))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        // SIGKILL through the handle: Process.destroyForcibly would also close the pipe, losing the confirmations
        // the writer printed just before it died.
        ProcessHandle handle = writer.toHandle();
        if (delayMillis != Long.MAX_VALUE) {
            CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS).execute(handle::destroyForcibly);
        }
        int lines = 0;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                record(line);
                if (++lines == maxLines) {
                    handle.destroyForcibly();
                }
            }
        } finally {
            handle.destroyForcibly();
        }
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(writer.exitValue()).as("the writer runs until SIGKILL ends it (128 + 9)").isEqualTo(137);
    }

    /**
     * Takes in one confirmation printed by the writer (also those it printed just before it died); the store's log
     * lines share the writer's standard output and are passed on to ours.
     */
    private void record(String line) {
        Matcher confirmation = CONFIRMATION.matcher(line);
        if (!confirmation.matches()) {
            System.out.println("writer: " + line);
            return;
        }
        long id = Long.parseLong(confirmation.group(2));
        switch (confirmation.group(1)) {
            case "stored" -> stored.add(id);
            case "deleted" -> deleted.add(id);
            default -> counted.add(id);
        }
    }
}
