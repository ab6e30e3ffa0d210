package dev.gpufleet.app.cli;

import dev.gpufleet.app.actions.SnapshotGpuAttribution;
import dev.gpufleet.core.drain.GpuPlacement;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/// Which GPUs and MIG instances one scrape of a node's exporter attributes to each pod
/// (`namespace/name`), by the same rule as the console's ([SnapshotGpuAttribution]).
final class NodeGpuAttribution {

    private NodeGpuAttribution() {
    }

    static Function<String, List<GpuPlacement>> of(NodeTelemetry node) {
        Map<String, List<GpuPlacement>> byPod = new HashMap<>();
        for (GpuSample gpu : node.gpus()) {
            SnapshotGpuAttribution.addGpu(byPod, gpu.index(), gpu.model(), gpu.pods(), gpu.mig());
        }
        return pod -> byPod.getOrDefault(pod, List.of());
    }
}
