package dev.gpufleet.core.capacity;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.model.Taint;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// Small hand-made fleets for the accounting tests.
final class Fleets {

    static final Instant T0 = Instant.parse("2026-11-26T03:00:00Z");
    static final String H100 = "NVIDIA H100 80GB HBM3";
    static final String A100 = "NVIDIA A100-SXM4-80GB";

    private Fleets() {
    }

    static ConnectionStatus live() {
        return ConnectionStatus.of(ConnectionState.LIVE, T0);
    }

    static MetricValues values(Object... metricAndValue) {
        double[] row = MetricValues.blankArray();
        for (int i = 0; i < metricAndValue.length; i += 2) {
            row[((Metric) metricAndValue[i]).ordinal()] = ((Number) metricAndValue[i + 1]).doubleValue();
        }
        return MetricValues.wrap(row);
    }

    static GpuSnapshot gpu(int index, String model, Health health, MetricValues values, @Nullable Instant sampledAt,
            PodRef... pods) {
        return new GpuSnapshot(index, "GPU-" + index, model, health, values, sampledAt, List.of(), List.of(pods));
    }

    static GpuSnapshot migGpu(int index, String model, Instant sampledAt, MigSample... instances) {
        return new GpuSnapshot(index, "GPU-mig-" + index, model, Health.HEALTHY, values(Metric.GPU_TEMP, 40),
                sampledAt, List.of(instances), List.of());
    }

    static NodeRecord node(String name, boolean cordoned, Map<String, Long> resources, Map<String, String> labels,
            Taint... taints) {
        return new NodeRecord(name, labels, cordoned, true, List.of(taints), resources, "v1.31", T0);
    }

    static NodeSnapshot nodeSnapshot(NodeRecord node, List<GpuSnapshot> gpus, PodRecord... pods) {
        return new NodeSnapshot(node, gpus, List.of(pods), T0, null);
    }

    static PodRecord pod(String namespace, String name, @Nullable String node, String phase, @Nullable OwnerRef owner,
            Map<String, Long> requests) {
        return new PodRecord(namespace, name, node, phase, owner, requests);
    }

    static PodRef ref(PodRecord pod) {
        return new PodRef(pod.namespace(), pod.name(), "main");
    }
}
