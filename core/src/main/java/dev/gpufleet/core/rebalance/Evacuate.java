package dev.gpufleet.core.rebalance;

import dev.gpufleet.core.model.Health;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/// [Goal#EVACUATE]: empties nodes whose GPUs fail, then those whose GPUs are degraded, each pod
/// (lowest priority first, so the most important move last) to the fullest healthy node that
/// fits it. Pods that cannot go are left behind with the reason.
final class Evacuate {

    /// Within a node: lower priority first, then bigger pods, then by name.
    static final Comparator<PodState> MOVE_ORDER = Comparator.comparingInt(PodState::priority)
            .thenComparing(Comparator.comparingLong((PodState p) -> p.gpus).reversed())
            .thenComparing(PodState::name);

    private final FleetModel model;
    private final PlanBook book;

    Evacuate(FleetModel model, PlanBook book) {
        this.model = model;
        this.book = book;
    }

    void run() {
        List<Integer> sources = new ArrayList<>();
        for (int n = 0; n < model.size(); n++) {
            if (model.health[n] == Health.FAILING || model.health[n] == Health.WARNING) {
                sources.add(n);
            }
        }
        sources.sort(Comparator.comparing((Integer n) -> model.health[n]).reversed().thenComparing(n -> n));
        long[] none = model.emptyMask();
        for (int source : sources) {
            String node = model.name(source);
            String reason = "moves off " + node + ", whose GPUs are "
                    + (model.health[source] == Health.FAILING ? "failing" : "degraded");
            for (PodState pod : model.podsOn.get(source).stream().sorted(MOVE_ORDER).toList()) {
                evacuate(pod, node, reason, none);
            }
        }
    }

    private void evacuate(PodState pod, String node, String reason, long[] none) {
        if (pod.refusal != null) {
            book.leaveBehind(pod, node, pod.refusal);
            return;
        }
        if (book.movesLeft() <= 0) {
            book.limitReached();
            book.leaveBehind(pod, node, "the move limit is reached");
            return;
        }
        String budget = book.exhaustedBudget(pod);
        if (budget != null) {
            book.leaveBehind(pod, node, "budget " + budget + " allows no more disruptions in this plan");
            return;
        }
        int target = model.bestFit(pod, none);
        if (target < 0) {
            book.leaveBehind(pod, node, "no healthy node fits it (GPUs free, model, taints, selector, affinity)");
            return;
        }
        book.move(model, pod, target, reason, null);
    }
}
