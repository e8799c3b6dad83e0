package org.tidings.benchmarks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void aRoundTooSlowForHalfTheMeasurementIsMeasuredInSmallerRoundsButNoSmallerThanTheWarmUps() throws Exception {
        List<Integer> counts = new ArrayList<>();

        Workloads.Measured measured = measureAt(400_000, counts);

        assertThat(counts.get(0)).isEqualTo(2_000);
        assertThat(measuredCounts(counts)).containsOnly(2_000);
        assertThat(measured.units()).isEqualTo(2_000L * measuredCounts(counts).size());
        assertThat(measured.nanos()).isEqualTo(measured.units() * 400_000L);
    }

    @Test
    void aSlowRoundIsCutToWhatHalfTheMeasurementTakesAtTheWarmUpRate() throws Exception {
        List<Integer> counts = new ArrayList<>();

        measureAt(2_000, counts);

        assertThat(measuredCounts(counts)).containsOnly(5_000);
    }

    @Test
    void aRoundThatFitsHalfTheMeasurementKeepsItsCount() throws Exception {
        List<Integer> counts = new ArrayList<>();

        Workloads.Measured measured = measureAt(1_000, counts);

        assertThat(measuredCounts(counts)).containsOnly(10_000);
        assertThat(measured.units()).isEqualTo(10_000L * measuredCounts(counts).size());
    }

    /**
     * One warm-up round, then 20 ms of measured rounds of at most 10,000 units, each reporting {@code nanosPerUnit}
     * for every unit; the count of every round is added to {@code counts}.
     */
    private static Workloads.Measured measureAt(long nanosPerUnit, List<Integer> counts) throws Exception {
        return Workloads.warmUpAndMeasure(Duration.ZERO, Duration.ofMillis(20), 10_000, count -> {
            counts.add(count);
            return count * nanosPerUnit;
        });
    }

    private static List<Integer> measuredCounts(List<Integer> counts) {
        return counts.subList(1, counts.size());
    }
}
