package dev.gpufleet.views.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.views.TestFleets;
import java.time.Duration;
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
        assertThat(describe(TestFleets.nodeName("prod-east", 4), 5)).contains("Reading: stale, 5 min ago");
        assertThat(describe(TestFleets.nodeName("prod-east", 5), 0)).contains("(cordoned)");
    }

    @Test
    void summarisesClusters() {
        assertThat(GpuDescription.clusterSummary(frame, 0))
                .isEqualTo("32 nodes · 256 GPUs · 1 failing · 1 warning · 8 no telemetry");
        assertThat(GpuDescription.clusterSummary(frame, 1)).isEqualTo("32 nodes · 256 GPUs · UNAUTHORIZED");
    }
}
