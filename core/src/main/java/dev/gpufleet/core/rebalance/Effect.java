package dev.gpufleet.core.rebalance;

import java.util.List;

/// What a plan is expected to achieve once every move has landed.
///
/// Stranded GPUs are free GPUs on nodes that can take none of the pending GPU pods that fit
/// nowhere (fragmentation: there is room, but not where the demand can use it); with no such
/// pending pod nothing is stranded. The recovery per day is the simple measure: stranded GPUs
/// before minus after, times 24 hours.
///
/// @param nodesFreed      nodes that held GPU pods before and hold none after the moves (before pending pods land)
/// @param pendingThatFit  pending pods (`namespace/name`) that fit nowhere before and fit after
/// @param gpusFreed       GPUs the moves release on their source nodes
/// @param strandedBefore  stranded GPUs now
/// @param strandedAfter   stranded GPUs after the moves, with the pending pods that then fit placed
public record Effect(List<String> nodesFreed, List<String> pendingThatFit, long gpusFreed, long strandedBefore,
        long strandedAfter) {

    public static final double HOURS_PER_DAY = 24;

    public Effect {
        nodesFreed = List.copyOf(nodesFreed);
        pendingThatFit = List.copyOf(pendingThatFit);
    }

    /// Stranded GPU-hours won back per day: `(strandedBefore - strandedAfter) × 24`.
    public double strandedGpuHoursRecoveredPerDay() {
        return (strandedBefore - strandedAfter) * HOURS_PER_DAY;
    }
}
