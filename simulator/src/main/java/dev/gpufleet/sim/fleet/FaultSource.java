package dev.gpufleet.sim.fleet;

import org.jspecify.annotations.Nullable;

/// Where the telemetry learns which GPU is faulty: the planned [Fleet] itself, or the fleet with
/// the faults a running simulation injected on top (the churn's failing nodes).
@FunctionalInterface
public interface FaultSource {

    /// The fault of GPU `gpu` on `node`, or null for a healthy one.
    @Nullable GpuFault fault(int node, int gpu);
}
