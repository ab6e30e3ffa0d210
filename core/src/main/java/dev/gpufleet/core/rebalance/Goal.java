package dev.gpufleet.core.rebalance;

import java.util.Locale;

/// What a rebalance is for.
public enum Goal {
    /// Pack allocations so whole nodes free up for pending multi-GPU jobs that fit nowhere now.
    DEFRAG,
    /// Move work off nodes whose GPUs are degraded ([dev.gpufleet.core.model.Health#WARNING]) or
    /// failing, worst first.
    EVACUATE,
    /// Cool hot spots: from each node at or above the heat threshold, move its lowest-priority
    /// GPU pod to the coolest node that fits it.
    SPREAD;

    /// `defrag`, `evacuate`, `spread` (any case), as the command line spells them.
    public static Goal parse(String text) {
        for (Goal goal : values()) {
            if (goal.name().equalsIgnoreCase(text.trim())) {
                return goal;
            }
        }
        throw new IllegalArgumentException("Unknown rebalance goal '" + text + "': use defrag, evacuate or spread");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
