package dev.gpufleet.app.cli;

import dev.gpufleet.core.rebalance.Effect;
import dev.gpufleet.core.rebalance.LeftBehind;
import dev.gpufleet.core.rebalance.Move;
import dev.gpufleet.core.rebalance.RebalancePlan;
import java.io.PrintWriter;
import java.util.Locale;

/// A rebalance plan as Markdown: the ordered moves with their reason and risk, the pods left
/// behind and why, and the expected effect.
final class RebalancePreview {

    private RebalancePreview() {
    }

    static void print(RebalancePlan plan, String context, PrintWriter out) {
        out.println("# Rebalance plan for " + context + " (goal " + plan.options().goal() + ")");
        out.println();
        if (plan.isEmpty()) {
            out.println("No moves: " + (plan.leftBehind().isEmpty() ? "nothing to gain for this goal."
                    : "every pod the goal would move must stay (see below)."));
        } else {
            out.println("| step | pod | GPUs | from | to | risk | reason |");
            out.println("|---:|---|---:|---|---|---|---|");
            for (Move move : plan.moves()) {
                out.println("| " + move.step() + " | " + move.pod().qualifiedName() + " | " + move.gpus() + " | "
                        + move.from() + " | " + move.to() + " | " + risk(move) + " | " + move.reason() + " |");
            }
        }
        if (plan.moveLimitReached()) {
            out.println();
            out.println("The plan stops at --max-moves " + plan.options().maxMoves() + "; raise it to do more.");
        }
        if (!plan.leftBehind().isEmpty()) {
            out.println();
            out.println("## Left where they are");
            for (LeftBehind pod : plan.leftBehind()) {
                out.println("- " + pod.pod().qualifiedName() + " on " + pod.node() + ": " + pod.reason());
            }
        }
        printEffect(plan.effect(), out);
        out.flush();
    }

    private static void printEffect(Effect effect, PrintWriter out) {
        out.println();
        out.println("## Expected effect");
        out.println("- nodes freed: " + effect.nodesFreed().size()
                + (effect.nodesFreed().isEmpty() ? "" : " (" + String.join(", ", effect.nodesFreed()) + ")"));
        out.println("- pending pods that fit afterwards: " + effect.pendingThatFit().size()
                + (effect.pendingThatFit().isEmpty() ? "" : " (" + String.join(", ", effect.pendingThatFit()) + ")"));
        out.println("- GPUs freed on source nodes: " + effect.gpusFreed());
        out.println("- stranded GPUs: " + effect.strandedBefore() + " before, " + effect.strandedAfter() + " after");
        out.println(String.format(Locale.ROOT, "- stranded GPU-hours recovered per day: %.0f",
                effect.strandedGpuHoursRecoveredPerDay()));
    }

    private static String risk(Move move) {
        var risk = move.risk();
        String level = risk.level().name().toLowerCase(Locale.ROOT);
        return risk.notes().isEmpty() ? level : level + ": " + String.join("; ", risk.notes());
    }
}
