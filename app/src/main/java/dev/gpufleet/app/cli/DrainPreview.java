package dev.gpufleet.app.cli;

import dev.gpufleet.core.drain.BudgetStatus;
import dev.gpufleet.core.drain.Disposition;
import dev.gpufleet.core.drain.DrainCandidate;
import dev.gpufleet.core.drain.DrainPlan;
import dev.gpufleet.core.drain.GpuPlacement;
import dev.gpufleet.core.drain.PlannedPod;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/// The plan as people read it before they confirm: what is evicted (by kind, with the GPUs and
/// MIG instances each pod holds and its budget), what is skipped and why, what needs their
/// permission, and which budgets will hold evictions back.
final class DrainPreview {

    private DrainPreview() {
    }

    static void print(DrainPlan plan, String context, PrintWriter out) {
        out.println("Drain node " + plan.node() + " in context " + context + " (" + plan.options().scope() + ")"
                + (plan.options().dryRun() ? " — dry run" : ""));
        List<PlannedPod> removals = plan.removals();
        out.println("  evict " + removals.size() + (removals.size() == 1 ? " pod" : " pods") + kinds(plan.removalsByKind())
                + ", freeing " + plan.gpusFreed() + " GPUs:");
        for (PlannedPod pod : removals) {
            out.println("    " + row(pod.pod()) + (pod.disposition() == Disposition.WAIT ? "  (already terminating)" : ""));
        }
        Map<String, List<PlannedPod>> skipped = plan.skipped().stream()
                .collect(Collectors.groupingBy(p -> p.disposition().description(), TreeMap::new, Collectors.toList()));
        skipped.forEach((why, pods) -> out.println("  " + why + ": " + pods.size() + (pods.size() == 1 ? " pod" : " pods")));
        for (PlannedPod blocked : plan.blocking()) {
            out.println("  " + blocked.pod().qualifiedName() + " " + blocked.disposition().description());
        }
        for (BudgetStatus budget : plan.blockingBudgets()) {
            out.println("  budget " + budget.describe() + ": " + plan.evictionsUnder(budget)
                    + " of its pods are to go, so evictions will wait for replacements");
        }
    }

    private static String kinds(Map<String, Long> byKind) {
        if (byKind.isEmpty()) {
            return "";
        }
        return " (" + byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "))
                + ")";
    }

    private static String row(DrainCandidate pod) {
        String owner = pod.owner() == null ? "no controller" : pod.owner().kind() + " " + pod.owner().name();
        String gpus = pod.gpus().isEmpty() ? (pod.gpusRequested() > 0 ? pod.gpusRequested() + " GPU(s)" : "no GPU")
                : pod.gpus().stream().map(GpuPlacement::toString).collect(Collectors.joining(", "));
        String budgets = pod.budgets().isEmpty() ? "" : "  budget " + String.join(", ", pod.budgets());
        return pod.qualifiedName() + "  [" + owner + "; " + gpus + "]" + budgets;
    }
}
