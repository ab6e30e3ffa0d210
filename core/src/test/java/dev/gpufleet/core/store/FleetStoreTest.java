package dev.gpufleet.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.core.history.GpuKey;
import dev.gpufleet.core.history.HistoryBudget;
import dev.gpufleet.core.history.HistoryConfig;
import dev.gpufleet.core.history.HistoryReader;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FleetStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final FleetStore store = new FleetStore();

    @AfterEach
    void close() {
        store.close();
    }

    private static NodeRecord node(String name, int gpus) {
        return new NodeRecord(name, Map.of(NodeRecord.LABEL_GPU_COUNT, String.valueOf(gpus),
                NodeRecord.LABEL_GPU_PRODUCT, "NVIDIA-H100-80GB-HBM3"), false, true, List.of(),
                Map.of("nvidia.com/gpu", (long) gpus), "v1.31.4", T0);
    }

    private static GpuSample sample(int index, double util) {
        double[] values = MetricValues.blankArray();
        values[Metric.GPU_UTIL.ordinal()] = util;
        values[Metric.GPU_TEMP.ordinal()] = 50;
        return new GpuSample(index, "GPU-" + index, "NVIDIA H100 80GB HBM3", MetricValues.wrap(values),
                List.of(), List.of(new PodRef("ml", "train-0", "main")));
    }

    private FleetSnapshot synced() throws Exception {
        return store.sync().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aBackfillIsToldTheFineWindowThatTheBudgetLeavesForTheGpusHandedInBefore() throws Exception {
        HistoryConfig squeezed = HistoryConfig.defaults().withBudget(new HistoryBudget(HistoryBudget.MIN_BYTES));
        try (FleetStore small = new FleetStore(Clock.systemUTC(), squeezed)) {
            assertThat(small.backfillWindow().get(5, TimeUnit.SECONDS)).isEqualTo(Duration.ofHours(6));
            List<NodeTelemetry> nodes = new ArrayList<>();
            for (int n = 0; n < 256; n++) {
                List<GpuSample> gpus = new ArrayList<>();
                for (int g = 0; g < 8; g++) {
                    gpus.add(sample(g, 50));
                }
                nodes.add(new NodeTelemetry("n" + n, gpus, null));
            }
            small.telemetry(new TelemetryFrame("c1", T0, nodes));

            Duration fine = small.backfillWindow().get(5, TimeUnit.SECONDS);
            // 2,048 GPUs in 16 MB keep less than the 6 h at 10 s: a 6 h backfill would be mostly dropped.
            assertThat(fine).isLessThan(Duration.ofHours(6)).isPositive();
            assertThat(fine.toSeconds() % 10).isZero();
            assertThat(fine).isEqualTo(small.readHistory(h -> h.retention().fineWindow()).get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void inventoryOnlyGpusHaveNoTelemetryAndUnknownHealth() throws Exception {
        store.inventory("c1", new InventoryEvent.Resynced(List.of(node("n1", 4)), List.of()));

        FleetSnapshot snapshot = synced();

        assertThat(snapshot.gpuCount()).isEqualTo(4);
        GpuSnapshot gpu = snapshot.cluster("c1").orElseThrow().nodes().getFirst().gpus().get(2);
        assertThat(gpu.hasTelemetry()).isFalse();
        assertThat(gpu.health()).isEqualTo(Health.UNKNOWN);
        assertThat(gpu.model()).isEqualTo("NVIDIA H100 80GB HBM3");
        assertThat(gpu.utilizationPercent()).isNaN();
    }

    @Test
    void telemetryFillsGpusByIndexAndVersionGrows() throws Exception {
        store.inventory("c1", new InventoryEvent.Resynced(List.of(node("n1", 2)), List.of()));
        long before = synced().version();

        store.telemetry(new TelemetryFrame("c1", T0, List.of(
                new NodeTelemetry("n1", List.of(sample(0, 10), sample(1, 90)), null))));
        FleetSnapshot snapshot = synced();

        assertThat(snapshot.version()).isGreaterThan(before);
        List<GpuSnapshot> gpus = snapshot.clusters().getFirst().nodes().getFirst().gpus();
        assertThat(gpus).extracting(GpuSnapshot::utilizationPercent).containsExactly(10.0, 90.0);
        assertThat(gpus.get(1).uuid()).isEqualTo("GPU-1");
        assertThat(gpus.get(1).sampledAt()).isEqualTo(T0);
        assertThat(gpus.get(1).pods()).containsExactly(new PodRef("ml", "train-0", "main"));
        assertThat(gpus.get(1).health()).isEqualTo(Health.HEALTHY);
    }

    @Test
    void aFailedScrapeKeepsTheLastGoodReadingsAndSaysWhy() throws Exception {
        store.inventory("c1", new InventoryEvent.Resynced(List.of(node("n1", 1)), List.of()));
        store.telemetry(new TelemetryFrame("c1", T0, List.of(new NodeTelemetry("n1", List.of(sample(0, 42)), null))));
        store.telemetry(new TelemetryFrame("c1", T0.plusSeconds(10),
                List.of(NodeTelemetry.failed("n1", "exporter answered 500"))));

        NodeSnapshot node = synced().clusters().getFirst().nodes().getFirst();

        assertThat(node.telemetryProblem()).isEqualTo("exporter answered 500");
        assertThat(node.telemetryAt()).isEqualTo(T0);
        assertThat(node.gpus().getFirst().utilizationPercent()).isEqualTo(42.0);
    }

    @Test
    void podsFollowTheirNodeAndMoveOnUpdate() throws Exception {
        PodRecord pod = new PodRecord("ml", "train-0", "n1", "Running", new OwnerRef("Job", "train"),
                Map.of("nvidia.com/gpu", 8L));
        store.inventory("c1", new InventoryEvent.Resynced(List.of(node("n1", 8), node("n2", 8)), List.of(pod)));
        assertThat(synced().cluster("c1").orElseThrow().node("n1").orElseThrow().pods()).containsExactly(pod);

        PodRecord moved = new PodRecord("ml", "train-0", "n2", "Running", pod.owner(), pod.gpuRequests());
        store.inventory("c1", new InventoryEvent.PodUpserted(moved));
        ClusterSnapshot cluster = synced().cluster("c1").orElseThrow();

        assertThat(cluster.node("n1").orElseThrow().pods()).isEmpty();
        assertThat(cluster.node("n2").orElseThrow().pods()).containsExactly(moved);
        store.inventory("c1", new InventoryEvent.PodDeleted("ml", "train-0"));
        assertThat(synced().cluster("c1").orElseThrow().node("n2").orElseThrow().pods()).isEmpty();
    }

    @Test
    void unchangedNodesKeepTheirSnapshotInstance() throws Exception {
        store.inventory("c1", new InventoryEvent.Resynced(List.of(node("n1", 1), node("n2", 1)), List.of()));
        ClusterSnapshot before = synced().clusters().getFirst();

        store.telemetry(new TelemetryFrame("c1", T0, List.of(new NodeTelemetry("n2", List.of(sample(0, 5)), null))));
        ClusterSnapshot after = synced().clusters().getFirst();

        assertThat(after.nodes().get(0)).isSameAs(before.nodes().get(0));
        assertThat(after.nodes().get(1)).isNotSameAs(before.nodes().get(1));
    }

    @Test
    void connectionStateAndClusterRemoval() throws Exception {
        store.connection("c1", new ConnectionStatus(ConnectionState.UNAUTHORIZED, "token rejected", T0));
        store.connection("c2", ConnectionStatus.of(ConnectionState.LIVE, T0));
        FleetSnapshot snapshot = synced();
        assertThat(snapshot.clusters()).extracting(ClusterSnapshot::name).containsExactly("c1", "c2");
        assertThat(snapshot.cluster("c1").orElseThrow().connection().message()).isEqualTo("token rejected");

        store.removeCluster("c1");
        assertThat(synced().clusters()).extracting(ClusterSnapshot::name).containsExactly("c2");
    }

    @Test
    void nodeDeletionDropsItsGpus() throws Exception {
        store.inventory("c1", new InventoryEvent.Resynced(List.of(node("n1", 8), node("n2", 8)), List.of()));
        store.inventory("c1", new InventoryEvent.NodeDeleted("n1"));
        assertThat(synced().gpuCount()).isEqualTo(8);
    }

    @Test
    void onceTheExporterAnswersItsGpusAreTheTruth() throws Exception {
        store.inventory("c1", new InventoryEvent.Resynced(List.of(node("n1", 56)), List.of()));
        assertThat(synced().gpuCount()).isEqualTo(56);

        store.telemetry(new TelemetryFrame("c1", T0, List.of(new NodeTelemetry("n1", List.of(sample(0, 1), sample(1, 2)), null))));

        assertThat(synced().gpuCount()).isEqualTo(2);
    }

    @Test
    void framesGoIntoHistoryAndLeaveWithTheirNodeOrCluster() throws Exception {
        GpuKey first = new GpuKey("c1", "n1", "GPU-0");
        store.telemetry(new TelemetryFrame("c1", T0, List.of(new NodeTelemetry("n1", List.of(sample(0, 10)), null))));
        store.telemetry(new TelemetryFrame("c1", T0.plusSeconds(10),
                List.of(new NodeTelemetry("n1", List.of(sample(0, 30)), null))));
        store.telemetry(new TelemetryFrame("c2", T0, List.of(new NodeTelemetry("n9", List.of(sample(0, 50)), null))));

        double[] utilization = store.readHistory(history -> {
            double[] into = new double[2];
            history.read(history.slotOf(first), Metric.GPU_UTIL, T0, T0.plusSeconds(10), into);
            return into;
        }).get(5, TimeUnit.SECONDS);
        assertThat(utilization).containsExactly(10.0, 30.0);

        store.inventory("c1", new InventoryEvent.NodeDeleted("n1"));
        store.removeCluster("c2");
        assertThat(store.readHistory(HistoryReader::gpuCount).get(5, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aFailingHistoryQueryFailsOnlyItsFuture() throws Exception {
        CompletableFuture<Object> failed = store.readHistory(history -> {
            throw new IllegalStateException("boom");
        });

        assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(synced()).isNotNull();
    }

    @Test
    void everyFrameFeedsTheXidHistoryAndADeletedNodeTakesItsHistoryAlong() throws Exception {
        for (int i = 0; i < 4; i++) {
            double[] values = MetricValues.blankArray();
            values[Metric.XID_ERRORS.ordinal()] = i == 2 ? 0 : 79;
            GpuSample sample = new GpuSample(0, "GPU-0", "NVIDIA H100 80GB HBM3", MetricValues.wrap(values),
                    List.of(), List.of());
            store.telemetry(new TelemetryFrame("c1", T0.plusSeconds(10L * i),
                    List.of(new NodeTelemetry("n1", List.of(sample), null))));
        }

        var history = store.xidHistory("c1", "n1").get(5, TimeUnit.SECONDS);
        assertThat(history.byGpu().get("GPU-0")).containsExactly(
                new dev.gpufleet.core.triage.XidRecord(79, T0, T0.plusSeconds(30), 2));

        store.inventory("c1", new InventoryEvent.NodeDeleted("n1"));
        assertThat(store.xidHistory("c1", "n1").get(5, TimeUnit.SECONDS).byGpu()).isEmpty();
    }

    @Test
    void healthFollowsTheThresholdsGivenAndNewClustersGetThemToo() throws Exception {
        double[] warm = MetricValues.blankArray();
        warm[Metric.GPU_TEMP.ordinal()] = 80;
        GpuSample sample = new GpuSample(0, "GPU-0", "NVIDIA H100 80GB HBM3", MetricValues.wrap(warm), List.of(),
                List.of());
        store.telemetry(new TelemetryFrame("c1", T0, List.of(new NodeTelemetry("n1", List.of(sample), null))));
        assertThat(health(synced(), "c1")).isEqualTo(Health.HEALTHY);

        store.thresholds(dev.gpufleet.core.triage.TriageThresholds.defaults().withGpuTemperatures(70, 79));
        assertThat(health(synced(), "c1")).isEqualTo(Health.FAILING);

        store.telemetry(new TelemetryFrame("c2", T0, List.of(new NodeTelemetry("n1", List.of(sample), null))));
        assertThat(health(synced(), "c2")).isEqualTo(Health.FAILING);
    }

    private static Health health(FleetSnapshot snapshot, String cluster) {
        return snapshot.cluster(cluster).orElseThrow().node("n1").orElseThrow().gpus().getFirst().health();
    }
}
