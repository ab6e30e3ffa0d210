package dev.gpufleet.views.rebalance;

import dev.gpufleet.core.rebalance.Effect;
import dev.gpufleet.core.rebalance.Move;
import dev.gpufleet.core.rebalance.RebalancePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/// The words of the rebalance screen: a plan's moves as rows, its effect as one paragraph, and
/// whether a fresh plan differs from the one shown.
public final class RebalanceText {

    private RebalanceText() {
    }

    /// One row per move, in step order.
    public static List<MoveRow> rows(RebalancePlan plan) {
        List<MoveRow> rows = new ArrayList<>(plan.moves().size());
        for (Move move : plan.moves()) {
            String risk = move.risk().level().name() + (move.risk().notes().isEmpty() ? ""
                    : ": " + String.join("; ", move.risk().notes()));
            String budgets = move.risk().budgetsConsumed().isEmpty() ? "none"
                    : String.join(", ", move.risk().budgetsConsumed());
            rows.add(new MoveRow(move.step(), move.pod().qualifiedName(), move.from() + " (" + gpus(move.gpus()) + ")",
                    move.to(), move.reason(), risk, budgets));
        }
        return rows;
    }

    /// The expected effect, e.g. `3 moves (4 GPUs). Frees 1 whole node: n2. 1 pending job will fit:
    /// ml/train-8. Stranded GPUs 12 → 4: 192.0 GPU-hours a day recovered.`
    public static String effect(RebalancePlan plan) {
        if (plan.isEmpty()) {
            return "Nothing to move for goal " + plan.options().goal() + ": the cluster is as this goal wants it"
                    + (plan.leftBehind().isEmpty() ? "." : ", or the pods that could move may not ("
                    + plan.leftBehind().size() + " left behind).");
        }
        Effect effect = plan.effect();
        StringBuilder text = new StringBuilder();
        text.append(count(plan.moves().size(), "move")).append(" (").append(gpus(effect.gpusFreed())).append("). ");
        text.append(effect.nodesFreed().isEmpty() ? "Frees no whole node"
                : "Frees " + count(effect.nodesFreed().size(), "whole node") + ": " + join(effect.nodesFreed()));
        text.append(". ");
        text.append(effect.pendingThatFit().isEmpty() ? "No pending job fits afterwards"
                : count(effect.pendingThatFit().size(), "pending job") + " will fit: " + join(effect.pendingThatFit()));
        text.append(String.format(Locale.ROOT, ". Stranded GPUs %d → %d: %.1f GPU-hours a day recovered.",
                effect.strandedBefore(), effect.strandedAfter(), effect.strandedGpuHoursRecoveredPerDay()));
        if (plan.moveLimitReached()) {
            text.append(" The move limit (").append(plan.options().maxMoves()).append(") stopped the plan: raise it to do more.");
        }
        if (!plan.leftBehind().isEmpty()) {
            text.append(' ').append(count(plan.leftBehind().size(), "pod")).append(" left behind.");
        }
        return text.toString();
    }

    /// Whether `fresh` moves other pods, or the same pods elsewhere, than `shown`.
    public static boolean differ(RebalancePlan shown, RebalancePlan fresh) {
        return !keys(shown).equals(keys(fresh));
    }

    private static List<String> keys(RebalancePlan plan) {
        return plan.moves().stream().map(m -> m.step() + " " + m.pod().qualifiedName() + " " + m.from() + " " + m.to())
                .toList();
    }

    static String gpus(long count) {
        return count + (count == 1 ? " GPU" : " GPUs");
    }

    static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String join(List<String> names) {
        int shown = Math.min(names.size(), 5);
        String text = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? text + " and " + (names.size() - shown) + " more" : text;
    }
}
