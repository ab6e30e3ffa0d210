package dev.gpufleet.core.drain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/// Decides what a drain does with each pod, by `kubectl drain`'s rules in its order: pods
/// outside the chosen GPU are left alone; pods already terminating are only waited for;
/// DaemonSet pods and static pods' mirrors are skipped (kubectl needs `--ignore-daemonsets` for
/// the first; a drain that evicts them only sees them come back); pods with `emptyDir` data are
/// refused unless that data may go; pods no controller owns are refused unless forced.
/// Finished pods (Succeeded, Failed) lose nothing and are always removed.
public final class DrainPlanner {

    private DrainPlanner() {
    }

    public static DrainPlan plan(String node, List<DrainCandidate> candidates, List<BudgetStatus> budgets,
            DrainOptions options) {
        List<PlannedPod> planned = new ArrayList<>(candidates.size());
        candidates.stream()
                .sorted(Comparator.comparing(DrainCandidate::namespace).thenComparing(DrainCandidate::name))
                .forEach(pod -> planned.add(new PlannedPod(pod, disposition(pod, options))));
        List<BudgetStatus> relevant = budgets.stream()
                .filter(budget -> planned.stream().anyMatch(p -> p.disposition() == Disposition.EVICT
                        && p.pod().namespace().equals(budget.namespace()) && p.pod().budgets().contains(budget.name())))
                .sorted(Comparator.comparing(BudgetStatus::qualifiedName))
                .toList();
        return new DrainPlan(node, options, planned, relevant);
    }

    /// What a drain does with one pod under `options`; the rebalance planner asks the same
    /// question before it moves a pod (only [Disposition#EVICT] may move).
    public static Disposition disposition(DrainCandidate pod, DrainOptions options) {
        if (!options.scope().covers(pod.gpus())) {
            return Disposition.SKIP_OUT_OF_SCOPE;
        }
        if (pod.terminating()) {
            return Disposition.WAIT;
        }
        if (pod.owner() != null && pod.owner().isDaemonSet()) {
            return Disposition.SKIP_DAEMONSET;
        }
        if (pod.mirror()) {
            return Disposition.SKIP_MIRROR;
        }
        if (pod.finished()) {
            return Disposition.EVICT;
        }
        if (pod.emptyDir() && !options.deleteEmptyDirData()) {
            return Disposition.REFUSE_EMPTYDIR;
        }
        if (pod.owner() == null && !options.force()) {
            return Disposition.REFUSE_UNMANAGED;
        }
        return Disposition.EVICT;
    }
}
