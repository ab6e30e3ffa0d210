package dev.gpufleet.core.drain;

import dev.gpufleet.core.model.OwnerRef;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// A pod on the node being drained, with what the drain rules need to know of it, read fresh
/// from the API server (never from a cached snapshot).
///
/// @param uid        to tell the pod from a replacement of the same name (a StatefulSet's)
/// @param owner      its controller, `null` for an unmanaged pod
/// @param mirror     a static pod's mirror (annotation `kubernetes.io/config.mirror`): the API cannot evict it
/// @param emptyDir   has an `emptyDir` volume, whose data dies with the pod
/// @param terminating already has a deletion timestamp
/// @param gpus       the GPUs and MIG instances the exporter attributes to it
/// @param budgets    the PodDisruptionBudgets that select it
public record DrainCandidate(
        String namespace,
        String name,
        String uid,
        String phase,
        @Nullable OwnerRef owner,
        boolean mirror,
        boolean emptyDir,
        boolean terminating,
        long gpusRequested,
        List<GpuPlacement> gpus,
        List<String> budgets) {

    public DrainCandidate {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(phase, "phase");
        gpus = List.copyOf(gpus);
        budgets = List.copyOf(budgets);
    }

    public String qualifiedName() {
        return namespace + "/" + name;
    }

    /// Succeeded or Failed: it runs no more, so nothing is lost by deleting it.
    public boolean finished() {
        return phase.equals("Succeeded") || phase.equals("Failed");
    }
}
