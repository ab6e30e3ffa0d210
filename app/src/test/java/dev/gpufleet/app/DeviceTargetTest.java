package dev.gpufleet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import dev.gpufleet.views.heatmap.GpuSelection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceTargetTest {

    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    private final FleetSnapshot fleet = new FleetSnapshot(1, T0, List.of(new ClusterSnapshot("demo",
            ConnectionStatus.of(ConnectionState.LIVE, T0), List.of(node("a", false), node("b", true)))));

    @Test
    void picksTheFirstMigGpuByDefault() {
        assertThat(DeviceTarget.find(fleet, null)).isEqualTo(new GpuSelection("demo", "b", 0, "GPU-b-0"));
    }

    @Test
    void picksTheNamedGpu() {
        assertThat(DeviceTarget.find(fleet, "a/1")).isEqualTo(new GpuSelection("demo", "a", 1, "GPU-a-1"));
    }

    @Test
    void saysWhatIsWrongWithAGpuSpec() {
        assertThatThrownBy(() -> DeviceTarget.find(fleet, "a/7")).hasMessageContaining("no such GPU");
        assertThatThrownBy(() -> DeviceTarget.checkSpec("a")).hasMessageContaining("is not NODE/INDEX");
        assertThatThrownBy(() -> DeviceTarget.checkSpec("a/x")).hasMessageContaining("is not NODE/INDEX");
        assertThatThrownBy(() -> DeviceTarget.find(FleetSnapshot.empty(T0), null)).hasMessageContaining("no GPUs");
    }

    private static NodeSnapshot node(String name, boolean mig) {
        NodeRecord record = new NodeRecord(name, Map.of(), false, true, List.of(), Map.of("nvidia.com/gpu", 2L),
                "v1.31.2", T0);
        List<MigSample> instances = mig ? List.of(new MigSample(0, "7g.80gb", MetricValues.empty(), List.of()))
                : List.of();
        List<GpuSnapshot> gpus = List.of(
                new GpuSnapshot(0, "GPU-" + name + "-0", "NVIDIA H100 80GB HBM3", Health.HEALTHY, MetricValues.empty(),
                        T0, instances, List.of()),
                new GpuSnapshot(1, "GPU-" + name + "-1", "NVIDIA H100 80GB HBM3", Health.HEALTHY, MetricValues.empty(),
                        T0, List.of(), List.of()));
        return new NodeSnapshot(record, gpus, List.of(), T0, null);
    }
}
