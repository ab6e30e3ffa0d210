package dev.gpufleet.core.model;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// What gpufleet keeps of a Kubernetes Pod: identity, placement, owner and GPU requests.
///
/// `gpuRequests` maps each extended GPU resource the pod's containers request to the summed
/// count; empty for pods that use no GPU.
public record PodRecord(
        String namespace,
        String name,
        @Nullable String nodeName,
        String phase,
        @Nullable OwnerRef owner,
        Map<String, Long> gpuRequests) {

    public PodRecord {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(phase, "phase");
        gpuRequests = Map.copyOf(gpuRequests);
    }

    public PodRef ref() {
        return new PodRef(namespace, name, null);
    }

    public long gpusRequested() {
        long total = 0;
        for (long count : gpuRequests.values()) {
            total += count;
        }
        return total;
    }
}
