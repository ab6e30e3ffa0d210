package dev.gpufleet.core.rebalance;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/// What a rebalance would do: ordered moves, the pods it leaves behind and why, and the
/// expected effect. `moveLimitReached` says the plan stopped at [RebalanceOptions#maxMoves]
/// with more it could have done.
public record RebalancePlan(RebalanceOptions options, List<Move> moves, List<LeftBehind> leftBehind, Effect effect,
        boolean moveLimitReached) {

    public RebalancePlan {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(effect, "effect");
        moves = List.copyOf(moves);
        leftBehind = List.copyOf(leftBehind);
    }

    public boolean isEmpty() {
        return moves.isEmpty();
    }

    /// How many of this plan's evictions each budget (`namespace/name`) counts.
    public Map<String, Long> budgetConsumption() {
        Map<String, Long> used = new TreeMap<>();
        for (Move move : moves) {
            for (String budget : move.risk().budgetsConsumed()) {
                used.merge(budget, 1L, Long::sum);
            }
        }
        return used;
    }
}
