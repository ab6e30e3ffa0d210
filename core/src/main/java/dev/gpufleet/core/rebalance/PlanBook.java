package dev.gpufleet.core.rebalance;

import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// The plan as it is written: moves in order, pods left behind, what is left of each
/// disruption budget (counted across all moves of the plan) and of the move limit.
final class PlanBook {

    private final String[] budgetNames;
    private final int[] remaining;
    /// Budget indices by namespace, then pod name: no `namespace/name` string per pod lookup.
    private final Map<String, Map<String, int[]>> budgetsByPod;
    private final int maxMoves;
    private final List<Move> moves = new ArrayList<>();
    private final List<LeftBehind> leftBehind = new ArrayList<>();
    private boolean limitReached;

    private PlanBook(String[] budgetNames, int[] remaining, Map<String, Map<String, int[]>> budgetsByPod, int maxMoves) {
        this.budgetNames = budgetNames;
        this.remaining = remaining;
        this.budgetsByPod = budgetsByPod;
        this.maxMoves = maxMoves;
    }

    static PlanBook of(List<PodBudget> budgets, RebalanceOptions options) {
        List<PodBudget> sorted = budgets.stream().sorted(Comparator.comparing(b -> b.status().qualifiedName())).toList();
        String[] names = new String[sorted.size()];
        int[] remaining = new int[sorted.size()];
        Map<String, List<Integer>> byPod = new HashMap<>();
        for (int b = 0; b < sorted.size(); b++) {
            PodBudget budget = sorted.get(b);
            names[b] = budget.status().qualifiedName();
            remaining[b] = Math.max(0, budget.status().disruptionsAllowed());
            for (String pod : budget.pods()) {
                byPod.computeIfAbsent(pod, p -> new ArrayList<>()).add(b);
            }
        }
        Map<String, Map<String, int[]>> budgetsByPod = new HashMap<>();
        byPod.forEach((pod, list) -> {
            int slash = pod.indexOf('/');
            budgetsByPod.computeIfAbsent(pod.substring(0, Math.max(0, slash)), ns -> new HashMap<>())
                    .put(pod.substring(slash + 1), list.stream().mapToInt(Integer::intValue).toArray());
        });
        return new PlanBook(names, remaining, budgetsByPod, options.maxMoves());
    }

    private static final int[] NONE = new int[0];

    int[] budgetsOf(PodRecord pod) {
        Map<String, int[]> inNamespace = budgetsByPod.get(pod.namespace());
        return inNamespace == null ? NONE : inNamespace.getOrDefault(pod.name(), NONE);
    }

    int movesLeft() {
        return maxMoves - moves.size();
    }

    void limitReached() {
        limitReached = true;
    }

    boolean wasLimitReached() {
        return limitReached;
    }

    /// The first budget that allows no more disruptions for this pod, `null` when all allow one.
    @Nullable String exhaustedBudget(PodState pod) {
        for (int b : pod.budgets) {
            if (remaining[b] <= 0) {
                return budgetNames[b];
            }
        }
        return null;
    }

    void consume(PodState pod) {
        for (int b : pod.budgets) {
            remaining[b]--;
        }
    }

    void refund(PodState pod) {
        for (int b : pod.budgets) {
            remaining[b]++;
        }
    }

    /// Writes the move of `pod` to `to` (consuming its budgets) and applies it to `model`.
    void move(FleetModel model, PodState pod, int to, String reason, @Nullable String makesRoomFor) {
        if (moves.size() >= maxMoves) {
            throw new IllegalStateException("move limit " + maxMoves + " exceeded");
        }
        String from = model.name(pod.node);
        consume(pod);
        Risk risk = risk(pod);
        model.move(pod, to);
        moves.add(new Move(moves.size() + 1, pod.record, from, model.name(to), reason, risk, makesRoomFor));
    }

    void leaveBehind(PodState pod, String node, String reason) {
        leftBehind.add(new LeftBehind(pod.record, node, reason));
    }

    List<Move> moves() {
        return moves;
    }

    List<LeftBehind> leftBehind() {
        return leftBehind;
    }

    /// Risk after this pod's budgets are consumed: see [Risk] for the levels.
    private Risk risk(PodState pod) {
        List<String> consumed = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int concerns = 0;
        OwnerRef owner = pod.record.owner();
        if (owner == null || !"ReplicaSet".equals(owner.kind())) {
            concerns++;
            notes.add("restarts a " + (owner == null ? "pod" : owner.kind()) + ": work since its last checkpoint is lost");
        }
        boolean last = false;
        for (int b : pod.budgets) {
            consumed.add(budgetNames[b]);
            last |= remaining[b] == 0;
        }
        if (last) {
            concerns++;
            notes.add("uses the last disruption its budget allows");
        }
        if (pod.priority() >= Risk.HIGH_PRIORITY) {
            concerns++;
            notes.add("priority " + pod.priority());
        }
        Risk.Level level = concerns >= 2 ? Risk.Level.HIGH : concerns == 1 ? Risk.Level.MEDIUM : Risk.Level.LOW;
        return new Risk(pod.priority(), level, consumed, notes);
    }
}
