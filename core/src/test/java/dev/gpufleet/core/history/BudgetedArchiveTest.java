package dev.gpufleet.core.history;

import static dev.gpufleet.core.history.HistoryArchiveTest.CLUSTER;
import static dev.gpufleet.core.history.HistoryArchiveTest.CONFIG;
import static dev.gpufleet.core.history.HistoryArchiveTest.T0;
import static dev.gpufleet.core.history.HistoryArchiveTest.gpu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gpufleet.core.metrics.Metric;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The archive of a history whose fine ring is shorter than an hour: each flush of an hour
/// keeps what earlier flushes of it saved, and a restart restores the hours the fine ring
/// cannot hold into the coarse tier.
class BudgetedArchiveTest {

    private static final int GPUS = 16;
    /// 1 MB for one chunk of slots (planned for two): 166 ticks (27 min) at 10 s and 15-minute means.
    private static final HistoryConfig SQUEEZED = CONFIG.withBudget(new HistoryBudget(1_000_000));

    @TempDir
    Path root;

    private static Instant at(long tick) {
        return T0.plusSeconds(10 * tick);
    }

    @Test
    void flushesOfAnHourLongerThanTheFineRingKeepItsFirstTicksOnDisk() {
        FleetHistory squeezed = new FleetHistory(SQUEEZED);
        FleetHistory whole = new FleetHistory(CONFIG);
        try (HistoryArchive archive = new HistoryArchive(root)) {
            for (long tick = 0; tick < 720; tick++) {
                for (int gpu = 0; gpu < GPUS; gpu++) {
                    squeezed.record(gpu(gpu), at(tick), HistoryArchiveTest.values(gpu, tick));
                    whole.record(gpu(gpu), at(tick), HistoryArchiveTest.values(gpu, tick));
                }
                if (tick % 30 == 29) {
                    archive.flush(CLUSTER, squeezed).join();
                }
            }
        }
        assertThat(squeezed.retention().fineTicks()).isEqualTo(166);
        assertThat(squeezed.retention().coarseFactor()).isEqualTo(90);

        FleetHistory restored = new FleetHistory(CONFIG);
        ArchiveLoad loaded = new HistoryArchive(root).load(CLUSTER, restored, at(719));

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.segments()).isEqualTo(2);
        HistoryArchiveTest.assertSameHistory(whole, restored, GPUS, 0, 719);
    }

    @Test
    void aRestartWithTheSameBudgetRestoresTheOlderHoursAsCoarseMeans() {
        FleetHistory whole = new FleetHistory(CONFIG);
        try (HistoryArchive archive = new HistoryArchive(root)) {
            HistoryArchiveTest.record(whole, GPUS, 0, 719);
            archive.flush(CLUSTER, whole).join();
        }

        FleetHistory restored = new FleetHistory(SQUEEZED);
        new HistoryArchive(root).load(CLUSTER, restored, at(719));

        long t0 = restored.tickOf(T0);
        // Restoring sizes the rings for the archived GPUs before it enters any tick.
        Retention rings = restored.retention();
        assertThat(rings).isEqualTo(SQUEEZED.budget().plan(SQUEEZED, FleetHistory.CHUNK_SLOTS));
        assertThat(restored.oldestTick()).isEqualTo(t0 + 719 - rings.fineTicks() + 1);
        assertThat(restored.oldestRetainedTick()).isLessThanOrEqualTo(t0);
        int slot = restored.slotOf(gpu(2));
        int reference = whole.slotOf(gpu(2));
        int factor = rings.coarseFactor();
        for (long bucket = 0; bucket * factor < 719 - rings.fineTicks(); bucket++) {
            double sum = 0;
            for (long tick = bucket * factor; tick < bucket * factor + factor; tick++) {
                sum += whole.valueAt(reference, Metric.FB_USED, t0 + tick);
            }
            assertThat(restored.valueAt(slot, Metric.FB_USED, t0 + bucket * factor + 3)).as("bucket %d", bucket)
                    .isCloseTo(sum / factor, within(2.0));
        }
        assertThat(restored.valueAt(slot, Metric.FB_USED, t0 + 719)).isEqualTo(whole.valueAt(reference, Metric.FB_USED, t0 + 719));
    }
}
