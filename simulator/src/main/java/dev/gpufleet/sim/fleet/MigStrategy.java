package dev.gpufleet.sim.fleet;

/// The NVIDIA device plugin's MIG strategy of a node, as GPU Feature Discovery labels it.
public enum MigStrategy {
    /// MIG disabled: whole GPUs are `nvidia.com/gpu`.
    NONE,
    /// Every GPU is split into the same profile, advertised as `nvidia.com/gpu`.
    SINGLE,
    /// Per-GPU choice; MIG slices are advertised as `nvidia.com/mig-<profile>`.
    MIXED;

    /// The value of the `nvidia.com/mig.strategy` label.
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
