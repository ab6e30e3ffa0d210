package dev.gpufleet.core.capacity;

import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/// The pods of a node that hold whole GPUs (`nvidia.com/gpu`, `amd.com/gpu`) by their requests
/// but that telemetry attributes to no GPU: an exporter without pod attribution, or one a
/// scrape behind the scheduler.
final class NodeGpuClaims {

    private static final List<String> WHOLE_GPU_RESOURCES = List.of("nvidia.com/gpu", "amd.com/gpu");

    private NodeGpuClaims() {
    }

    /// Running GPU pods of `node` that no GPU or MIG instance names, in the node's pod order.
    static List<PodRecord> unattributed(NodeSnapshot node) {
        Set<String> attributed = new HashSet<>();
        for (GpuSnapshot gpu : node.gpus()) {
            gpu.pods().forEach(pod -> attributed.add(key(pod)));
            for (MigSample instance : gpu.mig()) {
                instance.pods().forEach(pod -> attributed.add(key(pod)));
            }
        }
        return node.pods().stream()
                .filter(pod -> "Running".equals(pod.phase()) && wholeGpus(pod) > 0)
                .filter(pod -> !attributed.contains(pod.namespace() + "/" + pod.name()))
                .toList();
    }

    /// How many whole GPUs the pod requests.
    static long wholeGpus(PodRecord pod) {
        long total = 0;
        for (String resource : WHOLE_GPU_RESOURCES) {
            total += pod.gpuRequests().getOrDefault(resource, 0L);
        }
        return total;
    }

    private static String key(PodRef pod) {
        return pod.namespace() + "/" + pod.name();
    }
}
