package dev.gpufleet.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetHistoryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final GpuKey A = new GpuKey("c1", "node-a", "GPU-a");
    private static final GpuKey B = new GpuKey("c1", "node-b", "GPU-b");

    /// One minute at 10 s: six samples per ring.
    private final FleetHistory history = new FleetHistory(new HistoryConfig(Duration.ofSeconds(10),
            Duration.ofMinutes(1), List.of(Metric.GPU_UTIL, Metric.POWER_USAGE, Metric.TOTAL_ENERGY)));

    private static Instant at(long tick) {
        return T0.plusSeconds(10 * tick);
    }

    private static MetricValues util(double value) {
        double[] row = MetricValues.blankArray();
        row[Metric.GPU_UTIL.ordinal()] = value;
        return MetricValues.wrap(row);
    }

    private double[] readUtil(int slot, long from, long to) {
        double[] into = new double[(int) (to - from + 1)];
        history.read(slot, Metric.GPU_UTIL, from, to, into);
        return into;
    }

    @Test
    void wrapsAroundKeepingTheNewestLap() {
        for (long tick = 0; tick < 10; tick++) {
            history.record(A, at(tick), util(tick));
        }
        long t0 = history.tickOf(T0);
        int slot = history.slotOf(A);

        assertThat(history.newestTick()).isEqualTo(t0 + 9);
        assertThat(history.oldestTick()).isEqualTo(t0 + 4);
        assertThat(readUtil(slot, t0 + 2, t0 + 11))
                .containsExactly(Double.NaN, Double.NaN, 4, 5, 6, 7, 8, 9, Double.NaN, Double.NaN);
    }

    @Test
    void aMissedTickReadsNaNNotTheOldLap() {
        for (long tick = 0; tick < 6; tick++) {
            history.record(A, at(tick), util(10 + tick));
            history.record(B, at(tick), util(50));
        }
        history.record(B, at(6), util(50));
        history.record(A, at(7), util(17));
        history.record(B, at(7), util(50));

        long t0 = history.tickOf(T0);
        assertThat(readUtil(history.slotOf(A), t0 + 2, t0 + 7)).containsExactly(12, 13, 14, 15, Double.NaN, 17);
    }

    @Test
    void notReportedIsNotZero() {
        history.record(A, at(0), util(0));
        history.record(A, at(2), MetricValues.empty());
        long t0 = history.tickOf(T0);
        int slot = history.slotOf(A);

        assertThat(history.valueAt(slot, Metric.GPU_UTIL, t0)).isZero();
        assertThat(history.valueAt(slot, Metric.GPU_UTIL, t0 + 1)).isNaN();
        assertThat(history.valueAt(slot, Metric.GPU_UTIL, t0 + 2)).isNaN();
        assertThat(history.valueAt(slot, Metric.POWER_USAGE, t0)).isNaN();
        assertThat(history.valueAt(slot, Metric.GPU_TEMP, t0)).as("not tracked").isNaN();
        assertThat(history.tracks(Metric.GPU_TEMP)).isFalse();
    }

    @Test
    void aSecondReportInTheSameTickWinsButNaNDoesNotErase() {
        history.record(A, at(0), util(30));
        history.record(A, T0.plusSeconds(5), util(40));
        history.record(A, T0.plusSeconds(9), MetricValues.empty());

        assertThat(history.latest(history.slotOf(A), Metric.GPU_UTIL)).isEqualTo(40);
    }

    @Test
    void forgottenSlotsAreReusedClean() {
        history.record(A, at(0), util(80));
        int slotA = history.slotOf(A);
        history.forget(A);

        assertThat(history.slotOf(A)).isEqualTo(-1);
        assertThat(history.keyOf(slotA)).isEmpty();
        history.record(B, at(1), util(20));

        assertThat(history.slotOf(B)).isEqualTo(slotA);
        assertThat(readUtil(slotA, history.tickOf(T0), history.tickOf(T0) + 1)).containsExactly(Double.NaN, 20);
        assertThat(history.gpuCount()).isEqualTo(1);
    }

    @Test
    void aGpuThatDisappearsIsFreedWhenItsHistoryExpires() {
        history.record(A, at(0), util(80));
        for (long tick = 0; tick < 6; tick++) {
            history.record(B, at(tick), util(1));
        }
        assertThat(history.slotOf(A)).isNotNegative();

        history.record(B, at(6), util(1));

        assertThat(history.slotOf(A)).isEqualTo(-1);
        assertThat(history.gpuCount()).isEqualTo(1);
    }

    @Test
    void forgetsWholeNodesAndClusters() {
        history.record(A, at(0), util(1));
        history.record(B, at(0), util(1));
        history.record(new GpuKey("c2", "node-a", "GPU-c"), at(0), util(1));

        history.forgetNode("c1", "node-a");
        assertThat(history.slotOf(A)).isEqualTo(-1);
        assertThat(history.gpuCount()).isEqualTo(2);

        history.forgetCluster("c1");
        assertThat(history.gpuCount()).isEqualTo(1);
    }

    @Test
    void readWindowsAreCheckedAndClipped() {
        history.record(A, at(0), util(5));
        int slot = history.slotOf(A);
        long t0 = history.tickOf(T0);

        assertThat(history.read(slot, Metric.GPU_UTIL, t0, t0 - 1, new double[0])).isZero();
        assertThatThrownBy(() -> history.read(slot, Metric.GPU_UTIL, t0, t0 + 3, new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need 4 cells");
        double[] into = new double[3];
        assertThat(history.read(slot, Metric.GPU_UTIL, T0.minusSeconds(10), T0.plusSeconds(19), into)).isEqualTo(3);
        assertThat(into).containsExactly(Double.NaN, 5, Double.NaN);
        assertThat(history.valueAt(99, Metric.GPU_UTIL, t0)).as("unknown slot").isNaN();
    }

    @Test
    void framesOlderThanTheWindowAreDropped() {
        history.record(A, at(10), util(1));
        history.record(frame(at(2), 1, 99));

        assertThat(history.slotOf(new GpuKey("c1", "node-0", "GPU-0-0"))).isEqualTo(-1);
        assertThat(history.newestTick()).isEqualTo(history.tickOf(at(10)));
    }

    @Test
    void lateFramesInsideTheWindowFillTheirTick() {
        history.record(A, at(5), util(50));
        history.record(A, at(3), util(30));
        long t0 = history.tickOf(T0);

        assertThat(readUtil(history.slotOf(A), t0 + 3, t0 + 5)).containsExactly(30, Double.NaN, 50);
        assertThat(history.lastReportedTick(history.slotOf(A), Metric.GPU_UTIL)).isEqualTo(t0 + 5);
    }

    @Test
    void valuesOlderThanThreeIntervalsAreStale() {
        history.record(A, at(0), util(1));
        int slot = history.slotOf(A);

        assertThat(history.isStale(slot, Metric.GPU_UTIL, at(3).plusSeconds(9))).isFalse();
        assertThat(history.isStale(slot, Metric.GPU_UTIL, at(4))).isTrue();
        assertThat(history.isStale(slot, Metric.POWER_USAGE, at(0))).as("never reported").isTrue();
        assertThat(history.age(slot, Metric.GPU_UTIL, at(2))).contains(Duration.ofSeconds(20));
        assertThat(history.age(slot, Metric.POWER_USAGE, at(2))).isEmpty();
    }

    @Test
    void recordsWholeFramesAcrossChunks() {
        int gpus = FleetHistory.CHUNK_SLOTS + 44;
        history.record(frame(at(0), gpus, 10));
        history.record(frame(at(1), gpus, 20));

        assertThat(history.gpuCount()).isEqualTo(gpus);
        GpuKey last = new GpuKey("c1", "node-" + (gpus - 1) / 8, "GPU-" + (gpus - 1) / 8 + "-" + (gpus - 1) % 8);
        int slot = history.slotOf(last);
        assertThat(slot).isGreaterThanOrEqualTo(FleetHistory.CHUNK_SLOTS);
        assertThat(readUtil(slot, history.tickOf(T0), history.tickOf(T0) + 1)).containsExactly(10, 20);
        assertThat(history.retainedBytes()).isPositive();
    }

    @Test
    void countersReadAsRatesWithResets() {
        double[] energy = {1_000, 21_000, 41_000, 5_000};
        for (int tick = 0; tick < energy.length; tick++) {
            double[] row = MetricValues.blankArray();
            row[Metric.TOTAL_ENERGY.ordinal()] = energy[tick];
            history.record(A, at(tick), MetricValues.wrap(row));
        }
        double[] rates = new double[4];
        long t0 = history.tickOf(T0);
        history.readRates(history.slotOf(A), Metric.TOTAL_ENERGY, t0, t0 + 3, rates);

        assertThat(rates).containsExactly(Double.NaN, 2_000, 2_000, 500);
        assertThat(history.latest(history.slotOf(A), Metric.TOTAL_ENERGY)).isEqualTo(5_000);
    }

    /// `gpus` GPUs, eight per node, all at `utilization`.
    private static TelemetryFrame frame(Instant time, int gpus, double utilization) {
        List<NodeTelemetry> nodes = new ArrayList<>();
        for (int node = 0; node * 8 < gpus; node++) {
            List<GpuSample> samples = new ArrayList<>();
            for (int index = 0; index < 8 && node * 8 + index < gpus; index++) {
                samples.add(new GpuSample(index, "GPU-" + node + "-" + index, "H100", util(utilization), List.of(), List.of()));
            }
            nodes.add(new NodeTelemetry("node-" + node, samples, null));
        }
        return new TelemetryFrame("c1", time, nodes);
    }
}
