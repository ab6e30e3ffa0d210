package dev.gpufleet.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetSnapshotJsonTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void writesTheDocumentedShapeAndLeavesUnreportedMetricsOut() throws Exception {
        double[] row = MetricValues.blankArray();
        row[Metric.GPU_UTIL.ordinal()] = 0;
        row[Metric.POWER_USAGE.ordinal()] = 312.5;
        MigSample mig = new MigSample(3, "1g.10gb", MetricValues.empty(), List.of(new PodRef("nb", "nb-0", "lab")));
        GpuSnapshot gpu = new GpuSnapshot(0, "GPU-abc", "NVIDIA H100 80GB HBM3", Health.HEALTHY,
                MetricValues.wrap(row), T0, List.of(mig), List.of(new PodRef("ml", "train-0", "main")));
        GpuSnapshot dark = new GpuSnapshot(1, null, null, Health.UNKNOWN, MetricValues.empty(), null, List.of(), List.of());
        NodeRecord record = new NodeRecord("gpu-1", Map.of(), true, true, List.of(), Map.of(), null, null);
        PodRecord pod = new PodRecord("ml", "train-0", "gpu-1", "Running", new OwnerRef("Job", "train"),
                Map.of("nvidia.com/gpu", 1L));
        FleetSnapshot snapshot = new FleetSnapshot(7, T0, List.of(new ClusterSnapshot("demo",
                ConnectionStatus.of(ConnectionState.LIVE, T0),
                List.of(new NodeSnapshot(record, List.of(gpu, dark), List.of(pod), T0, null)))));

        StringWriter out = new StringWriter();
        FleetSnapshotJson.write(snapshot, out);
        JsonNode root = new ObjectMapper().readTree(out.toString());

        JsonNode node = root.at("/clusters/0/nodes/0");
        assertThat(root.at("/clusters/0/name").asText()).isEqualTo("demo");
        assertThat(node.get("name").asText()).isEqualTo("gpu-1");
        assertThat(node.get("unschedulable").asBoolean()).isTrue();
        assertThat(node.at("/gpus/0/uuid").asText()).isEqualTo("GPU-abc");
        assertThat(node.at("/gpus/0/health").asText()).isEqualTo("HEALTHY");
        assertThat(node.at("/gpus/0/metrics/DCGM_FI_DEV_GPU_UTIL").asDouble()).isZero();
        assertThat(node.at("/gpus/0/metrics/DCGM_FI_DEV_POWER_USAGE").asDouble()).isEqualTo(312.5);
        assertThat(node.at("/gpus/0/metrics").has("DCGM_FI_DEV_GPU_TEMP")).isFalse();
        assertThat(node.at("/gpus/0/pods/0/pod").asText()).isEqualTo("train-0");
        assertThat(node.at("/gpus/0/mig/0/profile").asText()).isEqualTo("1g.10gb");
        assertThat(node.at("/gpus/0/mig/0/gi").asInt()).isEqualTo(3);
        assertThat(node.at("/gpus/1/index").asInt()).isEqualTo(1);
        assertThat(node.at("/gpus/1").has("uuid")).isFalse();
        assertThat(node.at("/pods/0/owner").asText()).isEqualTo("Job/train");
    }

    @Test
    void marksEachGpuStaleWhenItsNewestReadingIsTooOldOrMissing() throws Exception {
        GpuSnapshot fresh = new GpuSnapshot(0, "GPU-fresh", null, Health.HEALTHY, MetricValues.empty(),
                T0.minusSeconds(20), List.of(), List.of());
        GpuSnapshot old = new GpuSnapshot(1, "GPU-old", null, Health.HEALTHY, MetricValues.empty(),
                T0.minusSeconds(45), List.of(), List.of());
        GpuSnapshot never = new GpuSnapshot(2, null, null, Health.UNKNOWN, MetricValues.empty(), null, List.of(),
                List.of());
        NodeRecord record = new NodeRecord("gpu-1", Map.of(), false, true, List.of(), Map.of(), null, null);
        FleetSnapshot snapshot = new FleetSnapshot(3, T0, List.of(new ClusterSnapshot("demo",
                ConnectionStatus.of(ConnectionState.LIVE, T0), List.of(new NodeSnapshot(record,
                        List.of(fresh, old, never), List.of(), T0.minusSeconds(45), "exporter answered 500")))));

        StringWriter out = new StringWriter();
        FleetSnapshotJson.write(snapshot, java.time.Duration.ofSeconds(30), out);
        JsonNode node = new ObjectMapper().readTree(out.toString()).at("/clusters/0/nodes/0");

        assertThat(node.get("telemetryProblem").asText()).isEqualTo("exporter answered 500");
        assertThat(node.at("/gpus/0/stale").asBoolean()).isFalse();
        assertThat(node.at("/gpus/1/stale").asBoolean()).isTrue();
        assertThat(node.at("/gpus/1/sampledAt").asText()).isEqualTo(T0.minusSeconds(45).toString());
        assertThat(node.at("/gpus/2/stale").asBoolean()).isTrue();
        assertThat(node.at("/gpus/2").has("sampledAt")).isFalse();
    }
}
