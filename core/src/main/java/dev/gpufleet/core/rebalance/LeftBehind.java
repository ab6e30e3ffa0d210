package dev.gpufleet.core.rebalance;

import dev.gpufleet.core.model.PodRecord;
import java.util.Objects;

/// A pod the goal wanted moved that the plan leaves where it is, and why (its owner, a budget,
/// no node that fits, the move limit).
public record LeftBehind(PodRecord pod, String node, String reason) {

    public LeftBehind {
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(reason, "reason");
    }
}
