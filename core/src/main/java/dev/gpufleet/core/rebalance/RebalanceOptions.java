package dev.gpufleet.core.rebalance;

import java.util.Objects;

/// How to plan a rebalance.
///
/// @param goal         what the moves are for
/// @param maxMoves     the most moves one plan may hold (each is one eviction)
/// @param allowEmptyDir also move pods with `emptyDir` volumes, whose data is lost (as drain's `--delete-emptydir-data`)
/// @param keepGpuModel a moved pod lands only on a node with the same GPU product as its source
/// @param hotThreshold [Goal#SPREAD]: a node at or above this heat is hot; below it a node may receive
public record RebalanceOptions(Goal goal, int maxMoves, boolean allowEmptyDir, boolean keepGpuModel,
        double hotThreshold) {

    /// Moves per run unless the operator says otherwise: enough to free a few nodes, few enough to review.
    public static final int DEFAULT_MAX_MOVES = 20;
    /// Heat (0..1, e.g. GPU utilization or temperature over its slowdown point) that makes a node hot.
    public static final double DEFAULT_HOT_THRESHOLD = 0.85;

    public RebalanceOptions {
        Objects.requireNonNull(goal, "goal");
        if (maxMoves < 0) {
            throw new IllegalArgumentException("The move limit must not be negative, got " + maxMoves);
        }
        if (!(hotThreshold > 0)) {
            throw new IllegalArgumentException("The hot threshold must be positive, got " + hotThreshold);
        }
    }

    /// `goal` with the default move limit, emptyDir pods kept, GPU model kept.
    public static RebalanceOptions of(Goal goal) {
        return new RebalanceOptions(goal, DEFAULT_MAX_MOVES, false, true, DEFAULT_HOT_THRESHOLD);
    }

    public RebalanceOptions withMaxMoves(int value) {
        return new RebalanceOptions(goal, value, allowEmptyDir, keepGpuModel, hotThreshold);
    }

    public RebalanceOptions withAllowEmptyDir(boolean value) {
        return new RebalanceOptions(goal, maxMoves, value, keepGpuModel, hotThreshold);
    }

    public RebalanceOptions withKeepGpuModel(boolean value) {
        return new RebalanceOptions(goal, maxMoves, allowEmptyDir, value, hotThreshold);
    }

    public RebalanceOptions withHotThreshold(double value) {
        return new RebalanceOptions(goal, maxMoves, allowEmptyDir, keepGpuModel, value);
    }
}
