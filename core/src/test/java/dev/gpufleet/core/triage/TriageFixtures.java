package dev.gpufleet.core.triage;

import dev.gpufleet.core.health.HealthRules;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.NodeCondition;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/// Small builders for triage tests.
final class TriageFixtures {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private TriageFixtures() {
    }

    static MetricValues values(Object... metricValuePairs) {
        double[] row = MetricValues.blankArray();
        for (int i = 0; i < metricValuePairs.length; i += 2) {
            row[((Metric) metricValuePairs[i]).ordinal()] = ((Number) metricValuePairs[i + 1]).doubleValue();
        }
        return MetricValues.wrap(row);
    }

    static GpuSnapshot gpu(int index, MetricValues values) {
        return gpu(index, values, NOW.minusSeconds(5));
    }

    static GpuSnapshot gpu(int index, MetricValues values, Instant sampledAt) {
        return new GpuSnapshot(index, "GPU-" + index, "NVIDIA H100 80GB HBM3", HealthRules.evaluate(values, List.of()),
                values, sampledAt, List.of(), List.of(new PodRef("ml", "train-" + index, "main")));
    }

    static GpuSnapshot silentGpu(int index) {
        return new GpuSnapshot(index, null, "NVIDIA H100 80GB HBM3", dev.gpufleet.core.model.Health.UNKNOWN,
                MetricValues.empty(), null, List.of(), List.of());
    }

    static NodeRecord record(boolean ready, boolean cordoned, List<NodeCondition> conditions) {
        return new NodeRecord("gpu-node-1", Map.of(), cordoned, ready, List.of(), Map.of("nvidia.com/gpu", 8L),
                "v1.31.4", NOW.minusSeconds(86_400), conditions);
    }

    static NodeSnapshot node(List<GpuSnapshot> gpus) {
        return node(record(true, false, List.of(new NodeCondition("Ready", "True", "KubeletReady", null, null))), gpus);
    }

    static NodeSnapshot node(NodeRecord record, List<GpuSnapshot> gpus) {
        List<PodRecord> pods = List.of(
                new PodRecord("ml", "train-0", "gpu-node-1", "Running", null, Map.of("nvidia.com/gpu", 1L)),
                new PodRecord("kube-system", "dns", "gpu-node-1", "Running", null, Map.of()));
        return new NodeSnapshot(record, gpus, pods, NOW.minusSeconds(5), null);
    }

    static MetricValues healthy() {
        return values(Metric.GPU_TEMP, 55, Metric.GPU_UTIL, 80, Metric.XID_ERRORS, 0, Metric.ECC_DBE_VOL, 0);
    }
}
