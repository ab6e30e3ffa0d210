package dev.gpufleet.views.actions;

import dev.gpufleet.core.drain.BudgetStatus;
import dev.gpufleet.core.drain.DrainCandidate;
import dev.gpufleet.core.drain.DrainPlan;
import dev.gpufleet.core.drain.GpuPlacement;
import dev.gpufleet.core.drain.PlannedPod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/// A [DrainPlan] as the dialog's tables show it: evictions first (by kind), then pods that
/// need the operator's say-so, then the skipped ones with why.
final class DrainPreviewRows {

    private DrainPreviewRows() {
    }

    static List<PreviewRow> rows(DrainPlan plan) {
        List<PreviewRow> rows = new ArrayList<>();
        plan.removals().stream().sorted(Comparator.comparing(DrainPreviewRows::kind)).forEach(p -> rows.add(row(p)));
        plan.blocking().forEach(p -> rows.add(row(p)));
        plan.skipped().forEach(p -> rows.add(row(p)));
        return rows;
    }

    static List<BudgetRow> budgets(DrainPlan plan) {
        List<BudgetStatus> holding = plan.blockingBudgets();
        return plan.budgets().stream().map(b -> new BudgetRow(b.qualifiedName(), b.disruptionsAllowed(),
                b.currentHealthy(), b.desiredHealthy(), plan.evictionsUnder(b), holding.contains(b))).toList();
    }

    /// `evict 3 pods (2 ReplicaSet, 1 Job), freeing 4 GPUs; 2 skipped; 1 needs your permission`.
    static String summary(DrainPlan plan) {
        int removals = plan.removals().size();
        String kinds = plan.removalsByKind().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        StringBuilder text = new StringBuilder(plan.options().dryRun() ? "Dry run: would evict " : "Evict ")
                .append(removals).append(removals == 1 ? " pod" : " pods")
                .append(kinds.isEmpty() ? "" : " (" + kinds + ")")
                .append(" from ").append(plan.options().scope()).append(" of ").append(plan.node())
                .append(", freeing ").append(plan.gpusFreed()).append(plan.gpusFreed() == 1 ? " GPU" : " GPUs");
        if (!plan.skipped().isEmpty()) {
            text.append("; ").append(plan.skipped().size()).append(" skipped");
        }
        if (!plan.blocking().isEmpty()) {
            text.append("; ").append(plan.blocking().size()).append(plan.blocking().size() == 1 ? " pod needs" : " pods need")
                    .append(" your permission (force or delete emptyDir data)");
        }
        return text.append('.').toString();
    }

    private static PreviewRow row(PlannedPod planned) {
        DrainCandidate pod = planned.pod();
        return new PreviewRow(pod.qualifiedName(), kind(planned), pod.owner() == null ? "" : pod.owner().name(),
                gpus(pod), String.join(", ", pod.budgets()), planned.disposition().description(),
                planned.disposition().blocking());
    }

    private static String kind(PlannedPod planned) {
        return planned.pod().owner() == null ? "none" : planned.pod().owner().kind();
    }

    static String gpus(DrainCandidate pod) {
        if (pod.gpus().isEmpty()) {
            return pod.gpusRequested() > 0 ? pod.gpusRequested() + " GPU(s)" : "no GPU";
        }
        return pod.gpus().stream().map(GpuPlacement::toString).collect(Collectors.joining(", "));
    }
}
