package dev.gpufleet.app.cli;

import dev.gpufleet.core.drain.GpuPlacement;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.MigSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/// Which GPUs and MIG instances one scrape of a node's exporter attributes to each pod
/// (`namespace/name`); a pod on a MIG instance is placed on that instance only.
final class NodeGpuAttribution {

    private NodeGpuAttribution() {
    }

    static Function<String, List<GpuPlacement>> of(NodeTelemetry node) {
        Map<String, List<GpuPlacement>> byPod = new HashMap<>();
        for (GpuSample gpu : node.gpus()) {
            String model = gpu.model() == null ? "GPU" : gpu.model();
            Set<PodRef> onInstances = new HashSet<>();
            gpu.mig().forEach(instance -> onInstances.addAll(instance.pods()));
            for (PodRef pod : gpu.pods()) {
                if (!onInstances.contains(pod)) {
                    add(byPod, pod, new GpuPlacement(gpu.index(), OptionalInt.empty(), model));
                }
            }
            for (MigSample instance : gpu.mig()) {
                for (PodRef pod : instance.pods()) {
                    add(byPod, pod, new GpuPlacement(gpu.index(), OptionalInt.of(instance.gpuInstanceId()),
                            model + " " + instance.profile()));
                }
            }
        }
        return pod -> byPod.getOrDefault(pod, List.of());
    }

    private static void add(Map<String, List<GpuPlacement>> byPod, PodRef pod, GpuPlacement placement) {
        List<GpuPlacement> list = byPod.computeIfAbsent(pod.namespace() + "/" + pod.name(), k -> new ArrayList<>());
        if (!list.contains(placement)) {
            list.add(placement);
        }
    }
}
