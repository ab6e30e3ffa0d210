package dev.gpufleet.core.rebalance;

import dev.gpufleet.core.drain.BudgetStatus;
import java.util.Objects;
import java.util.Set;

/// A PodDisruptionBudget with its selector already resolved: `pods` are the qualified names
/// (`namespace/name`) of the pods it selects. A plan evicts at most `disruptionsAllowed` of them.
public record PodBudget(BudgetStatus status, Set<String> pods) {

    public PodBudget {
        Objects.requireNonNull(status, "status");
        pods = Set.copyOf(pods);
    }
}
