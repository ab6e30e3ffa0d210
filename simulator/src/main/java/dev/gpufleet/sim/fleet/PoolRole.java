package dev.gpufleet.sim.fleet;

/// What a node pool mostly runs, which decides the mix of workloads the planner puts on it.
public enum PoolRole {
    /// Whole-node multi-GPU training jobs, some 4-GPU jobs.
    TRAINING,
    /// Inference replicas and notebooks.
    INFERENCE,
    /// A bit of everything.
    GENERAL
}
