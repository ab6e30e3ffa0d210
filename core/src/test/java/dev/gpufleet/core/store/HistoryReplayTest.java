package dev.gpufleet.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.history.GpuKey;
import dev.gpufleet.core.history.HistoryMatrix;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.MigSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/// The time scrubber's data: the fleet at a past moment, and GPU × time blocks.
class HistoryReplayTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final FleetStore store = new FleetStore(Clock.fixed(T0, ZoneOffset.UTC));

    @AfterEach
    void close() {
        store.close();
    }

    private static NodeRecord node(String name, int gpus) {
        return new NodeRecord(name, Map.of(NodeRecord.LABEL_GPU_COUNT, String.valueOf(gpus),
                NodeRecord.LABEL_GPU_PRODUCT, "NVIDIA-H100-80GB-HBM3"), false, true, List.of(),
                Map.of("nvidia.com/gpu", (long) gpus), "v1.31.4", T0);
    }

    private static GpuSample gpu(int index, double util, double temp) {
        double[] values = MetricValues.blankArray();
        values[Metric.GPU_UTIL.ordinal()] = util;
        values[Metric.GPU_TEMP.ordinal()] = temp;
        values[Metric.XID_ERRORS.ordinal()] = 0;
        return new GpuSample(index, "GPU-" + index, "NVIDIA H100 80GB HBM3", MetricValues.wrap(values), List.of(),
                List.of(new PodRef("ml", "train-0", "main")));
    }

    /// A MIG card: no whole-GPU utilization, two instances at 20 % and 60 % graphics activity.
    private static GpuSample migGpu(int index) {
        return new GpuSample(index, "GPU-" + index, "NVIDIA H100 80GB HBM3", MetricValues.empty(), List.of(
                instance(1, 0.2), instance(2, 0.6)), List.of());
    }

    private static MigSample instance(int id, double active) {
        double[] values = MetricValues.blankArray();
        values[Metric.GR_ENGINE_ACTIVE.ordinal()] = active;
        return new MigSample(id, "3g.40gb", MetricValues.wrap(values), List.of());
    }

    private void frame(long secondsAfterT0, GpuSample... gpus) {
        store.telemetry(new TelemetryFrame("c1", T0.plusSeconds(secondsAfterT0),
                List.of(new NodeTelemetry("n1", List.of(gpus), null))));
    }

    @Test
    void aPastMomentShowsTheValuesOfThenOnTodaysInventory() throws Exception {
        store.inventory("c1", new InventoryEvent.Resynced(List.of(node("n1", 3)), List.of()));
        frame(0, gpu(0, 10, 50), gpu(1, 20, 97), migGpu(2));
        frame(60, gpu(0, 80, 60), gpu(1, 30, 60), migGpu(2));
        store.sync().get(5, TimeUnit.SECONDS);

        FleetSnapshot then = store.snapshotAt(T0.plusSeconds(5)).get(5, TimeUnit.SECONDS);

        assertThat(then.time()).isEqualTo(T0.plusSeconds(5));
        List<GpuSnapshot> gpus = then.cluster("c1").orElseThrow().nodes().getFirst().gpus();
        assertThat(gpus).extracting(GpuSnapshot::utilizationPercent).containsExactly(10.0, 20.0, 40.0);
        assertThat(gpus.get(0).sampledAt()).isEqualTo(T0);
        assertThat(gpus.get(0).pods()).containsExactly(new PodRef("ml", "train-0", "main"));
        // 97 °C then: failing then, though healthy now.
        assertThat(gpus.get(1).health()).isEqualTo(Health.FAILING);
        // Metrics the history does not keep read "not reported", never zero.
        assertThat(gpus.get(0).value(Metric.XID_ERRORS)).isNaN();
        assertThat(gpus.get(2).mig()).hasSize(2).allSatisfy(mig -> assertThat(mig.values().isEmpty()).isTrue());
    }

    @Test
    void aMomentWithNothingRecentHasNoTelemetryRatherThanOldValues() throws Exception {
        store.inventory("c1", new InventoryEvent.Resynced(List.of(node("n1", 1)), List.of()));
        frame(0, gpu(0, 10, 50));
        frame(120, gpu(0, 70, 50));
        store.sync().get(5, TimeUnit.SECONDS);

        // 30 s after the first frame is within three 10 s intervals: stale but shown.
        GpuSnapshot late = store.snapshotAt(T0.plusSeconds(30)).get(5, TimeUnit.SECONDS)
                .clusters().getFirst().nodes().getFirst().gpus().getFirst();
        assertThat(late.utilizationPercent()).isEqualTo(10.0);
        assertThat(late.sampledAt()).isEqualTo(T0);
        // 60 s after it nothing is recent: no telemetry then.
        GpuSnapshot gap = store.snapshotAt(T0.plusSeconds(60)).get(5, TimeUnit.SECONDS)
                .clusters().getFirst().nodes().getFirst().gpus().getFirst();
        assertThat(gap.hasTelemetry()).isFalse();
        assertThat(gap.health()).isEqualTo(Health.UNKNOWN);
        assertThat(gap.utilizationPercent()).isNaN();
    }

    @Test
    void aGpuByTimeBlockAveragesEachBucketAndLeavesGapsEmpty() throws Exception {
        store.inventory("c1", new InventoryEvent.Resynced(List.of(node("n1", 2)), List.of()));
        frame(0, gpu(0, 10, 50), gpu(1, 50, 50));
        frame(10, gpu(0, 30, 50));
        frame(20, gpu(0, 60, 50), gpu(1, 70, 50));
        store.sync().get(5, TimeUnit.SECONDS);
        List<GpuKey> keys = List.of(new GpuKey("c1", "n1", "GPU-0"), new GpuKey("c1", "n1", "GPU-1"),
                new GpuKey("c1", "n1", "GPU-9"));

        // Buckets of two 10 s ticks, the last ending with the tick T0+20 s falls in: [-10,10) [10,30).
        HistoryMatrix matrix = store.readHistory(history ->
                HistoryMatrix.read(history, keys, Metric.GPU_UTIL, T0.plusSeconds(20), 2, 2)).get(5, TimeUnit.SECONDS);

        assertThat(matrix.rows()).isEqualTo(3);
        assertThat(matrix.columns()).isEqualTo(2);
        assertThat(matrix.timeOf(0)).isEqualTo(T0.minusSeconds(10));
        assertThat(matrix.value(0, 0)).isEqualTo(10f);
        assertThat(matrix.value(0, 1)).isEqualTo(45f);
        assertThat(matrix.value(1, 1)).isEqualTo(70f);
        assertThat(matrix.value(2, 0)).isNaN();
        assertThat(matrix.value(2, 1)).isNaN();
    }
}
