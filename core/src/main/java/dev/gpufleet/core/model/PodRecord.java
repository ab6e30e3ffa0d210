package dev.gpufleet.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// What gpufleet keeps of a Kubernetes Pod: identity, placement, owner, GPU requests and what
/// the scheduler needs to place it again.
///
/// `gpuRequests` maps each extended GPU resource the pod's containers request to the summed
/// count; empty for pods that use no GPU. `scheduling` holds priority, node selector,
/// tolerations and required node affinity ([PodScheduling#NONE] when unknown). `emptyDir` says
/// whether the pod has an `emptyDir` volume (its data dies with the pod); `created` is its
/// creation time when known.
public record PodRecord(
        String namespace,
        String name,
        @Nullable String nodeName,
        String phase,
        @Nullable OwnerRef owner,
        Map<String, Long> gpuRequests,
        PodScheduling scheduling,
        boolean emptyDir,
        @Nullable Instant created) {

    public PodRecord {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(scheduling, "scheduling");
        gpuRequests = Map.copyOf(gpuRequests);
    }

    /// A pod without scheduling constraints, priority, emptyDir volume or known creation time.
    public PodRecord(String namespace, String name, @Nullable String nodeName, String phase, @Nullable OwnerRef owner,
            Map<String, Long> gpuRequests) {
        this(namespace, name, nodeName, phase, owner, gpuRequests, PodScheduling.NONE, false, null);
    }

    public PodRef ref() {
        return new PodRef(namespace, name, null);
    }

    /// `namespace/name`.
    public String qualifiedName() {
        return namespace + "/" + name;
    }

    /// The pod's priority (`spec.priority`), 0 when it has none.
    public int priority() {
        return scheduling.priority();
    }

    /// Succeeded or Failed: it runs no more and holds no resources.
    public boolean finished() {
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    public long gpusRequested() {
        long total = 0;
        for (long count : gpuRequests.values()) {
            total += count;
        }
        return total;
    }
}
