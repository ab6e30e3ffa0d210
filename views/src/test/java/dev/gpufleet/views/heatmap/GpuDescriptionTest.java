package dev.gpufleet.views.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.views.TestFleets;
import dev.gpufleet.views.format.Ages;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpuDescriptionTest {

    private final HeatmapFrame frame = HeatmapFrame.extract(TestFleets.demo(1, 0), HeatmapMetric.UTILIZATION, null);

    private String describe(String node, int index) {
        int ordinal = frame.ordinalOf(new GpuSelection("prod-east", node, index, null));
        return GpuDescription.asText(frame, ordinal, TestFleets.T0, Duration.ofSeconds(60));
    }

    @Test
    void namesTheGpuAndItsReadings() {
        String node = TestFleets.nodeName("prod-east", 1);

        String text = describe(node, 2);

        assertThat(text).startsWith(node + " · GPU 2")
                .contains("Cluster: prod-east", "Model: NVIDIA H100 80GB HBM3", "UUID: " + TestFleets.uuid(node, 2),
                        "Health: FAILING", "Utilization: 97 %", "Power: 640 W", "Temperature: 71 °C",
                        "Pods: ml-team/train-" + node + "-1", "Reading: just now");
    }

    @Test
    void saysWhenThereIsNoTelemetryAndWhy() {
        String text = describe(TestFleets.nodeName("prod-east", 2), 0);

        assertThat(text).contains("UUID: unknown", "Utilization: not reported",
                "Reading: no telemetry — dcgm-exporter on");
    }

    @Test
    void listsMigInstancesAndTheirPods() {
        String text = describe(TestFleets.nodeName("prod-east", 6), 1);

        assertThat(text).contains("MIG: 3 instances: 1g.10gb, 1g.10gb, 3g.40gb", "research/notebook-1");
    }

    @Test
    void marksStaleReadingsAndCordonedNodes() {
        String lastGood = Ages.clock(TestFleets.T0.minus(Duration.ofMinutes(5)));
        assertThat(describe(TestFleets.nodeName("prod-east", 4), 5))
                .contains("Reading: stale: no sample since " + lastGood + " (5 min ago)")
                .as("the last good values stay readable").contains("Utilization: 55 %");
        assertThat(lastGood).matches("\\d\\d:\\d\\d:\\d\\d");
        assertThat(describe(TestFleets.nodeName("prod-east", 5), 0)).contains("(cordoned)");
    }

    @Test
    void summarisesClusters() {
        assertThat(GpuDescription.clusterSummary(frame, 0))
                .isEqualTo("32 nodes · 256 GPUs · 1 failing · 1 warning · 8 no telemetry");
        assertThat(GpuDescription.clusterSummary(frame, 1)).isEqualTo("32 nodes · 256 GPUs · UNAUTHORIZED");
    }

    @Test
    void aStaleReadingSaysWhyNoSampleCameSince() {
        String node = TestFleets.nodeName("prod-east", 4);
        String problem = "dcgm-exporter gpu-operator/x on node " + node + " answered 500 Internal Server Error";
        FleetSnapshot demo = TestFleets.demo(1, 0);
        ClusterSnapshot east = demo.clusters().getFirst();
        List<NodeSnapshot> nodes = east.nodes().stream().map(n -> n.name().equals(node)
                ? new NodeSnapshot(n.node(), n.gpus(), n.pods(), n.telemetryAt(), problem) : n).toList();
        FleetSnapshot failing = new FleetSnapshot(2, demo.time(), List.of(
                new ClusterSnapshot(east.name(), east.connection(), nodes), demo.clusters().get(1)));
        HeatmapFrame stale = HeatmapFrame.extract(failing, HeatmapMetric.UTILIZATION, null);
        int ordinal = stale.ordinalOf(new GpuSelection("prod-east", node, 5, null));

        String text = GpuDescription.asText(stale, ordinal, TestFleets.T0, Duration.ofSeconds(60));

        assertThat(text).contains("Reading: stale: no sample since "
                + Ages.clock(TestFleets.T0.minus(Duration.ofMinutes(5))) + " (5 min ago) — " + problem);
    }
}
