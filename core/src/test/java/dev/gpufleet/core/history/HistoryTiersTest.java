package dev.gpufleet.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.HistoryReplay;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/// The coarse tier: buckets hold the mean of their ticks, gaps read `NaN`, and what no tier
/// keeps answers "not retained".
class HistoryTiersTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final GpuKey A = new GpuKey("c1", "node-a", "GPU-a");
    private static final GpuKey B = new GpuKey("c1", "node-b", "GPU-b");
    /// 6 h at 10 s of utilization alone; one chunk of slots (planned for two) does not fit
    /// 300 kB whole, so it keeps 505 ticks (84 min) fine and 5-minute buckets for 6 h.
    private static final HistoryConfig CONFIG = new HistoryConfig(Duration.ofSeconds(10), Duration.ofHours(6),
            List.of(Metric.GPU_UTIL), new HistoryBudget(300_000));

    private final FleetHistory history = new FleetHistory(CONFIG);
    private final long t0 = history.tickOf(T0);

    private void record(GpuKey gpu, long tick, double util) {
        double[] row = MetricValues.blankArray();
        row[Metric.GPU_UTIL.ordinal()] = util;
        history.record(gpu, T0.plusSeconds(10 * tick), MetricValues.wrap(row));
    }

    private static double sawtooth(long tick) {
        return tick % 100;
    }

    @Test
    void aBudgetTooSmallForTheWholeRetentionKeepsAFineWindowAndCoarseBuckets() {
        record(A, 0, 1);

        Retention retention = history.retention();
        assertThat(retention.fineTicks()).isEqualTo((300_000 - 73 * 512 - 8 * 512) / 512);
        assertThat(retention.coarseFactor()).isEqualTo(30);
        assertThat(retention.coarseTicks()).isEqualTo(73);
        assertThat(history.retainedBytes()).isLessThanOrEqualTo(300_000);
    }

    @Test
    void ticksThatLeftTheFineRingReadTheMeanOfTheirBucket() {
        for (long tick = 0; tick < 1000; tick++) {
            record(A, tick, sawtooth(tick));
            if (tick % 30 < 10) {
                record(B, tick, 2 * (tick % 30));
            }
        }
        int a = history.slotOf(A);
        int b = history.slotOf(B);
        long fineOldest = history.oldestTick();
        assertThat(fineOldest).isEqualTo(t0 + 999 - history.retention().fineTicks() + 1);

        for (long tick = 0; tick < fineOldest - t0; tick++) {
            long start = Math.floorDiv(tick, 30) * 30;
            double sum = 0;
            for (long t = start; t < start + 30; t++) {
                sum += sawtooth(t);
            }
            assertThat(history.valueAt(a, Metric.GPU_UTIL, t0 + tick)).as("tick %d", tick).isCloseTo(sum / 30, within(0.25));
            // B reported 0, 2, …, 18 in the first ten ticks of each bucket: their mean, not a tenth of it.
            assertThat(history.valueAt(b, Metric.GPU_UTIL, t0 + tick)).isCloseTo(9.0, within(0.25));
        }
        for (long tick = fineOldest - t0; tick < 1000; tick++) {
            assertThat(history.valueAt(a, Metric.GPU_UTIL, t0 + tick)).isEqualTo(sawtooth(tick));
        }
        assertThat(history.oldestRecordedTick()).isEqualTo(t0);
        assertThat(history.latest(a, Metric.GPU_UTIL)).isEqualTo(sawtooth(999));
    }

    @Test
    void aGapInTelemetryReadsNaNInTheCoarseTierNotAnOldLap() {
        for (long tick = 0; tick < 100; tick++) {
            record(A, tick, 50);
        }
        // Past the fine ring (505) and the coarse ring (73 buckets × 30) at once.
        record(A, 2700, 10);
        int a = history.slotOf(A);

        // Buckets 0..3 (ticks 0..119) were averaged as the jump pushed them out.
        assertThat(history.valueAt(a, Metric.GPU_UTIL, t0 + 30)).isCloseTo(50, within(0.25));
        assertThat(history.valueAt(a, Metric.GPU_UTIL, t0 + 100)).isCloseTo(50, within(0.25));
        assertThat(history.valueAt(a, Metric.GPU_UTIL, t0 + 2000)).isNaN();

        for (long tick = 2701; tick < 2800; tick++) {
            record(A, tick, 10);
        }
        // Buckets 73..76 reuse the positions of 0..3: they read the gap, not 50.
        for (long tick = 2190; tick < history.oldestTick() - t0; tick++) {
            assertThat(history.valueAt(a, Metric.GPU_UTIL, t0 + tick)).as("tick %d", tick).isNaN();
        }
        for (long tick = 120; tick < 2190; tick += 7) {
            assertThat(history.valueAt(a, Metric.GPU_UTIL, t0 + tick)).as("tick %d", tick).isNaN();
            assertThat(history.retains(t0 + tick)).isTrue();
        }
        assertThat(history.retains(t0 + 100)).isFalse();
        assertThat(history.valueAt(a, Metric.GPU_UTIL, t0 + 100)).isNaN();
    }

    @Test
    void aMatrixMarksTheColumnsBeforeWhatIsRetained() {
        for (long tick = 0; tick < 3000; tick++) {
            record(A, tick, 40);
        }
        long oldest = history.oldestRetainedTick();
        Instant until = T0.plusSeconds(10 * 2999);
        // 16 columns of 30 min reach 8 h back; the history keeps 84 min fine + 6 h of buckets.
        HistoryMatrix matrix = HistoryMatrix.read(history, List.of(A, B), Metric.GPU_UTIL, until, 16, 180);

        assertThat(oldest).isGreaterThan(t0);
        int expected = (int) Math.ceilDiv(oldest - history.tickOf(matrix.from()) + 1, 180L) - 1;
        assertThat(matrix.retainedFrom()).isEqualTo(Math.max(0, expected));
        for (int column = 0; column < 16; column++) {
            long end = history.tickOf(matrix.timeOf(column)) + 179;
            assertThat(matrix.retained(column)).isEqualTo(end >= oldest);
            if (matrix.retained(column) && history.tickOf(matrix.timeOf(column)) >= t0) {
                assertThat(matrix.value(0, column)).isEqualTo(40f);
            }
            assertThat(matrix.value(1, column)).isNaN();
        }
        assertThat(matrix.retained(0)).isFalse();
        assertThat(matrix.value(0, 0)).isNaN();
    }

    @Test
    void beforeTheFirstFrameNothingIsRetained() {
        HistoryMatrix matrix = HistoryMatrix.read(history, List.of(A), Metric.GPU_UTIL, T0, 4, 6);

        assertThat(matrix.retainedFrom()).isEqualTo(4);
        assertThat(history.retains(t0)).isFalse();
        assertThatThrownBy(() -> RetainedWindow.of(history)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aReplayOfAMomentNoTierKeepsSaysSoInsteadOfShowingAnIdleFleet() {
        for (long tick = 0; tick < 3000; tick++) {
            record(A, tick, 40);
        }
        RetainedWindow window = RetainedWindow.of(history);
        Instant tooOld = window.coarseFrom().minusSeconds(10);

        assertThat(window.retains(tooOld)).isFalse();
        assertThat(window.retains(window.coarseFrom())).isTrue();
        assertThat(window.fine(window.coarseFrom())).isFalse();
        assertThat(window.fine(window.newest())).isTrue();
        assertThat(window.describe()).isEqualTo("84 min at 10 s + 6 h at 5 min");
        assertThatThrownBy(() -> HistoryReplay.at(FleetSnapshot.empty(T0), history, tooOld))
                .isInstanceOf(NotRetainedException.class)
                .hasMessageContaining("not retained")
                .hasMessageContaining("84 min at 10 s + 6 h at 5 min")
                .hasMessageContaining(HistoryBudget.PROPERTY);
        assertThat(HistoryReplay.at(FleetSnapshot.empty(T0), history, window.coarseFrom()).time())
                .isEqualTo(window.coarseFrom());
    }
}
