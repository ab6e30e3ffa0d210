package dev.gpufleet.core.drain;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/// What draining `node` would do: every pod on it with its [Disposition], and the
/// PodDisruptionBudgets that select the pods to be evicted.
public record DrainPlan(String node, DrainOptions options, List<PlannedPod> pods, List<BudgetStatus> budgets) {

    public DrainPlan {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(options, "options");
        pods = List.copyOf(pods);
        budgets = List.copyOf(budgets);
    }

    /// Pods that stop the drain until the operator allows them (`--force`, `--delete-emptydir-data`).
    public List<PlannedPod> blocking() {
        return pods.stream().filter(p -> p.disposition().blocking()).toList();
    }

    public boolean canProceed() {
        return blocking().isEmpty();
    }

    /// Pods the drain removes (evicts, or waits for when already terminating), in plan order.
    public List<PlannedPod> removals() {
        return pods.stream().filter(p -> p.disposition().removes()).toList();
    }

    public List<PlannedPod> skipped() {
        return pods.stream().filter(p -> !p.disposition().removes() && !p.disposition().blocking()).toList();
    }

    /// Removals by their controller's kind (`Job`, `ReplicaSet`, …; `none` for unmanaged pods).
    public Map<String, Long> removalsByKind() {
        Map<String, Long> byKind = new TreeMap<>();
        for (PlannedPod planned : removals()) {
            String kind = planned.pod().owner() == null ? "none" : planned.pod().owner().kind();
            byKind.merge(kind, 1L, Long::sum);
        }
        return byKind;
    }

    /// GPUs freed: the sum of what the removed pods request.
    public long gpusFreed() {
        return removals().stream().mapToLong(p -> p.pod().gpusRequested()).sum();
    }

    /// Budgets that will refuse some of this drain's evictions for now: more of their pods are
    /// to go than they allow. Those evictions are retried until replacements are healthy
    /// elsewhere, or the timeout.
    public List<BudgetStatus> blockingBudgets() {
        return budgets.stream().filter(budget -> evictionsUnder(budget) > budget.disruptionsAllowed()).toList();
    }

    /// How many of this plan's evictions `budget` selects.
    public long evictionsUnder(BudgetStatus budget) {
        return pods.stream().filter(p -> p.disposition() == Disposition.EVICT)
                .filter(p -> p.pod().namespace().equals(budget.namespace()) && p.pod().budgets().contains(budget.name()))
                .count();
    }
}
