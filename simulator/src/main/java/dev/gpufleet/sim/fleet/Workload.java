package dev.gpufleet.sim.fleet;

import org.jspecify.annotations.Nullable;

/// One controller of the simulated fleet and the pods it asks for.
///
/// @param id          index in [Fleet#workloads()]
/// @param kind        what it is and which controller owns its pods
/// @param namespace   its namespace
/// @param name        the controller's name
/// @param replicas    pods wanted (Job parallelism, Deployment replicas, nodes for a DaemonSet)
/// @param gpusPerPod  whole GPUs (or MIG slices) each pod requests; 0 for CPU-only pods
/// @param migProfile  the MIG slice each pod gets, or null for whole GPUs
/// @param migAsGpu    true when the slice is requested as `nvidia.com/gpu` (single strategy)
/// @param ageSeconds  how long before the simulation started it was created
/// @param image       the main container's image
/// @param container   the main container's name
/// @param amd         true when its pods request `amd.com/gpu` (whole MI300X cards or partitions)
public record Workload(int id, WorkloadKind kind, String namespace, String name, int replicas,
        int gpusPerPod, @Nullable MigProfile migProfile, boolean migAsGpu, long ageSeconds,
        String image, String container, boolean amd) {

    /// A workload of NVIDIA GPUs, or of none.
    public Workload(int id, WorkloadKind kind, String namespace, String name, int replicas, int gpusPerPod,
            @Nullable MigProfile migProfile, boolean migAsGpu, long ageSeconds, String image, String container) {
        this(id, kind, namespace, name, replicas, gpusPerPod, migProfile, migAsGpu, ageSeconds, image, container,
                false);
    }

    /// The same workload under another id and replica count.
    Workload with(int newId, int newReplicas) {
        return new Workload(newId, kind, namespace, name, newReplicas, gpusPerPod, migProfile, migAsGpu, ageSeconds,
                image, container, amd);
    }

    /// The extended resource each pod requests, or null for CPU-only pods.
    public @Nullable String gpuResource() {
        if (gpusPerPod == 0) {
            return null;
        }
        if (amd) {
            return "amd.com/gpu";
        }
        return migProfile == null || migAsGpu ? "nvidia.com/gpu" : migProfile.resourceName();
    }
}
