package dev.gpufleet.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

/// The rings re-laid while recording (GPUs appearing in waves, the budget forcing shorter fine
/// rings and coarser buckets) hold what a plain reference model says they should: every tick of
/// the fine ring exactly, every bucket the coarse tier keeps as the mean of its ticks, and
/// `NaN` with "not retained" for everything older.
class HistoryResizeProperties {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /// 20 min at 10 s of utilization: 120 ticks, buckets of 6 or 30 ticks when squeezed.
    private static final HistoryConfig SHAPE = new HistoryConfig(Duration.ofSeconds(10), Duration.ofMinutes(20),
            List.of(Metric.GPU_UTIL));

    @Property(tries = 40)
    void readsAfterResizesEqualWhatTheReferenceKept(@ForAll @IntRange(min = 1, max = 5) int waves,
            @ForAll @IntRange(min = 5, max = 120) int ticksPerWave, @ForAll @IntRange(min = 100, max = 700) int gpusPerWave,
            @ForAll @IntRange(min = 30, max = 160) int budgetKb, @ForAll long seed) {
        FleetHistory history = new FleetHistory(SHAPE.withBudget(new HistoryBudget(budgetKb * 1000L)));
        SplittableRandom random = new SplittableRandom(seed);
        List<GpuKey> gpus = new ArrayList<>();
        Map<GpuKey, Long> firstTicks = new HashMap<>();
        // The reference: every value recorded, per GPU (in order of appearance) and tick.
        List<double[]> reference = new ArrayList<>();
        int totalTicks = waves * ticksPerWave;
        long tick = 0;
        for (int wave = 0; wave < waves; wave++) {
            int newcomers = 1 + random.nextInt(gpusPerWave);
            for (int i = 0; i < newcomers; i++) {
                GpuKey key = new GpuKey("c", "node-" + gpus.size() / 8, "GPU-" + gpus.size());
                gpus.add(key);
                firstTicks.put(key, tick);
                reference.add(new double[totalTicks]);
            }
            for (int step = 0; step < ticksPerWave; step++, tick++) {
                for (int gpu = 0; gpu < gpus.size(); gpu++) {
                    double value = random.nextInt(101);
                    history.record(gpus.get(gpu), T0.plusSeconds(10 * tick), util(value));
                    reference.get(gpu)[(int) tick] = value;
                }
            }
        }
        long t0 = history.tickOf(T0);
        long last = tick - 1;
        assertThat(history.newestTick()).isEqualTo(t0 + last);
        for (int gpu = 0; gpu < gpus.size(); gpu++) {
            check(history, t0, last, gpus.get(gpu), firstTicks.get(gpus.get(gpu)), reference.get(gpu));
        }
        Retention retention = history.retention();
        Statistics.label("shape").collect(retention.hasCoarseTier() ? "coarse ×" + retention.coarseFactor() : "whole");
        long slots = (long) Math.ceilDiv(gpus.size(), FleetHistory.CHUNK_SLOTS) * FleetHistory.CHUNK_SLOTS;
        HistoryBudget budget = history.config().budget();
        if (budget.fits(budget.plan(SHAPE, slots), SHAPE, slots)) {
            assertThat(history.retainedBytes()).as(retention.describe()).isLessThanOrEqualTo(budget.bytes());
        }
    }

    private static void check(FleetHistory history, long t0, long last, GpuKey gpu, long first,
            double[] values) {
        int slot = history.slotOf(gpu);
        assertThat(slot).isNotNegative();
        Retention retention = history.retention();
        long fineOldest = history.oldestTick() - t0;
        // The newest data is never lost: the whole fine ring reads back exactly.
        for (long tick = Math.max(first, fineOldest); tick <= last; tick++) {
            assertThat(history.valueAt(slot, Metric.GPU_UTIL, t0 + tick)).as("%s at fine tick %d", gpu, tick)
                    .isEqualTo(values[(int) tick]);
        }
        long retainedOldest = history.oldestRetainedTick() - t0;
        for (long tick = Math.min(fineOldest, first) - 3; tick < fineOldest; tick++) {
            double read = history.valueAt(slot, Metric.GPU_UTIL, t0 + tick);
            if (tick < retainedOldest) {
                assertThat(history.retains(t0 + tick)).isFalse();
                assertThat(read).as("%s at %d, not retained", gpu, tick).isNaN();
                continue;
            }
            int factor = retention.coarseFactor();
            long start = Math.floorDiv(tick, (long) factor) * factor;
            // Ticks older than the configured retention may have left a whole ring before it was
            // ever re-laid: only buckets all of whose ticks were reported and still held count.
            if (start >= Math.max(first, last - SHAPE.capacity() + 1) && start + factor - 1 <= last) {
                // The mean of the model's values, quantized once per averaging (at most twice:
                // live, then re-laid coarser).
                double sum = 0;
                for (long t = start; t < start + factor; t++) {
                    sum += values[(int) t];
                }
                assertThat(read).as("%s at coarse tick %d (%s)", gpu, tick, retention.describe())
                        .isCloseTo(sum / factor, within(0.5));
            } else if (start + factor <= first) {
                assertThat(read).as("%s before it appeared, at %d", gpu, tick).isNaN();
            }
        }
    }

    private static MetricValues util(double value) {
        double[] row = MetricValues.blankArray();
        row[Metric.GPU_UTIL.ordinal()] = value;
        return MetricValues.wrap(row);
    }
}
