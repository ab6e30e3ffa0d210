package dev.gpufleet.core.rebalance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/// Plans a rebalance: pure (reads its input, changes nothing) and deterministic (the same input
/// in any order gives the same plan).
///
/// Every plan keeps these rules, which the property tests check over random fleets:
/// only pods drain would evict move (controller-managed; never DaemonSet, mirror or unmanaged
/// pods, nor emptyDir pods unless allowed); the moves under one PodDisruptionBudget never
/// exceed its `disruptionsAllowed`; each move lands on a node that fits the pod at that point of
/// the plan ([NodeFit]: schedulable, Ready, healthy GPUs, the GPU resource and model, taints,
/// selector, affinity, free GPUs); at most [RebalanceOptions#maxMoves] moves.
///
/// First, pending pods that fit somewhere now are placed where the scheduler would soon put
/// them (the fullest node that fits), so no move takes their room. Then the goal's strategy
/// runs ([Defrag], [Evacuate], [Spread]); afterwards pending pods are placed again to see which
/// fit, and the [Effect] is measured.
public final class RebalancePlanner {

    private RebalancePlanner() {
    }

    public static RebalancePlan plan(RebalanceInput input, RebalanceOptions options) {
        FleetModels.Built built = FleetModels.build(input, options);
        FleetModel model = built.model();
        PlanBook book = built.book();
        List<PodState> unfit = model.scheduleFitting(model.pending);
        long strandedBefore = model.stranded(unfit);
        List<PodState> made = switch (options.goal()) {
            case DEFRAG -> new Defrag(model, book).run(unfit);
            case EVACUATE -> {
                new Evacuate(model, book).run();
                yield List.of();
            }
            case SPREAD -> {
                new Spread(model, book, options.hotThreshold()).run();
                yield List.of();
            }
        };
        Set<PodState> served = new HashSet<>(made);
        List<PodState> stillUnfit = unfit.stream().filter(p -> !served.contains(p)).toList();
        List<PodState> unfitAfter = model.scheduleFitting(stillUnfit);
        Set<PodState> never = new HashSet<>(unfitAfter);
        List<String> fitAfter = new ArrayList<>();
        for (PodState pod : unfit) {
            if (!never.contains(pod)) {
                fitAfter.add(pod.name());
            }
        }
        Effect effect = new Effect(nodesFreed(model), fitAfter,
                book.moves().stream().mapToLong(Move::gpus).sum(), strandedBefore, model.stranded(unfitAfter));
        return new RebalancePlan(options, book.moves(), book.leftBehind(), effect, book.wasLimitReached());
    }

    private static List<String> nodesFreed(FleetModel model) {
        List<String> freed = new ArrayList<>();
        for (int n = 0; n < model.size(); n++) {
            if (model.gpuPodsBefore[n] > 0 && model.gpuPods[n] == 0) {
                freed.add(model.name(n));
            }
        }
        return freed;
    }
}
