package dev.gpufleet.sim.metrics;

import dev.gpufleet.sim.fleet.Workload;
import org.jspecify.annotations.Nullable;

/// Who holds a GPU (or one MIG instance of it) beside the fleet's seeded pods: the pods the
/// simulated scheduler placed since the simulation started (owners' replacements, pods created
/// through the API). The exporters attribute such a slot to its pod as they do a seeded one.
@FunctionalInterface
public interface SlotOccupants {

    /// Nobody but the seeded pods holds a GPU.
    SlotOccupants NONE = (node, gpu, instance) -> null;

    /// A pod holding a slot: its exporter labels and the workload it runs, if the fleet knows it.
    ///
    /// @param container the pod's first container's name
    /// @param namespace the pod's namespace
    /// @param pod       the pod's name
    /// @param workload  the fleet workload whose controller made the pod, or null (then the GPU idles)
    record Occupant(String container, String namespace, String pod, @Nullable Workload workload) {

        String[] labels() {
            return new String[] {container, namespace, pod};
        }
    }

    /// The pod on `node`'s GPU `gpu`, MIG instance `instance` (-1 for the whole GPU), or null.
    @Nullable Occupant at(int node, int gpu, int instance);
}
