package org.tidings.benchmarks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class WorkloadsTest {

    @Test
    void withoutADurationARoundRunsOnceAndReportsItsNanos() throws Exception {
        AtomicInteger runs = new AtomicInteger();

        Workloads.Repeated repeated = Workloads.repeatFor(Duration.ZERO, () -> {
            runs.incrementAndGet();
            return 7;
        });

        assertThat(runs).hasValue(1);
        assertThat(repeated).isEqualTo(new Workloads.Repeated(1, 7));
    }

    @Test
    void roundsRepeatUntilTheDurationHasPassedAndTheirNanosAddUp() throws Exception {
        Duration duration = Duration.ofMillis(30);
        AtomicInteger runs = new AtomicInteger();
        long began = System.nanoTime();

        Workloads.Repeated repeated = Workloads.repeatFor(duration, () -> {
            runs.incrementAndGet();
            return 3;
        });

        assertThat(System.nanoTime() - began).isGreaterThanOrEqualTo(duration.toNanos());
        assertThat(repeated.rounds()).isEqualTo(runs.get()).isGreaterThan(1);
        assertThat(repeated.nanos()).isEqualTo(3L * runs.get());
    }
}
