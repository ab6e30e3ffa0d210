package dev.gpufleet.core.rebalance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/// [Goal#DEFRAG]: for each pending pod that fits nowhere (highest priority first), find the
/// node where the fewest, lowest-priority moves make room for it, and move those pods to the
/// fullest other nodes that fit them.
///
/// A node is a candidate when the pod could go there but for room, and the movable pods on it
/// hold enough of the missing GPUs. Candidates are tried nearest-to-fitting first; the best of
/// the first [#GOOD_TRIALS] that work wins, ranked by the highest priority moved, then the
/// number of moves, then the sum of priorities. Pods of higher priority than the pending pod
/// are never moved for it, nor is a pod moved twice.
final class Defrag {

    /// Successful trials compared per pending pod.
    static final int GOOD_TRIALS = 8;
    /// Trials (successful or not) per pending pod, which bounds the time a hopeless pod costs.
    static final int MAX_TRIALS = 64;

    private final FleetModel model;
    private final PlanBook book;

    Defrag(FleetModel model, PlanBook book) {
        this.model = model;
        this.book = book;
    }

    private record Trial(int node, List<PodState> pods, List<Integer> targets, int maxPriority, long prioritySum,
            long deficit) {

        static final Comparator<Trial> BETTER = Comparator.comparingInt(Trial::maxPriority)
                .thenComparingInt(t -> t.pods().size())
                .thenComparingLong(Trial::prioritySum)
                .thenComparingLong(Trial::deficit)
                .thenComparingInt(Trial::node);
    }

    private record Candidate(int node, long deficit) {
    }

    /// Returns the pending pods the plan makes room for (reserved on their nodes).
    List<PodState> run(List<PodState> unfit) {
        List<PodState> made = new ArrayList<>();
        for (PodState pending : unfit) {
            if (book.movesLeft() <= 0) {
                book.limitReached();
                break;
            }
            Trial best = bestTrial(pending);
            if (best == null) {
                continue;
            }
            if (best.pods().size() > book.movesLeft()) {
                book.limitReached();
                continue;
            }
            commit(pending, best);
            made.add(pending);
        }
        return made;
    }

    private @Nullable Trial bestTrial(PodState pending) {
        Trial best = null;
        int good = 0;
        int tried = 0;
        for (Candidate candidate : candidates(pending)) {
            if (good >= GOOD_TRIALS || tried++ >= MAX_TRIALS) {
                break;
            }
            Trial trial = trial(pending, candidate);
            if (trial != null) {
                good++;
                best = best == null || Trial.BETTER.compare(trial, best) < 0 ? trial : best;
            }
        }
        return best;
    }

    private List<Candidate> candidates(PodState pending) {
        int[] near = model.nearlyFitting(pending, MAX_TRIALS, n -> deficit(pending, n) <= movable(pending, n));
        List<Candidate> candidates = new ArrayList<>();
        if (near != null) {
            for (int n : near) {
                candidates.add(new Candidate(n, deficit(pending, n)));
            }
            return candidates;
        }
        for (int n = 0; n < model.size(); n++) {
            if (model.eligible(pending, n) && fitsWhenEmpty(pending, n)) {
                long deficit = deficit(pending, n);
                if (deficit > 0 && movable(pending, n) >= deficit) {
                    candidates.add(new Candidate(n, deficit));
                }
            }
        }
        candidates.sort(Comparator.comparingLong(Candidate::deficit).thenComparingInt(Candidate::node));
        return candidates;
    }

    private boolean fitsWhenEmpty(PodState pending, int node) {
        for (int i = 0; i < pending.resources.length; i++) {
            if (model.alloc[node][pending.resources[i]] < pending.counts[i]) {
                return false;
            }
        }
        return true;
    }

    private long deficit(PodState pending, int node) {
        long deficit = 0;
        for (int i = 0; i < pending.resources.length; i++) {
            deficit += Math.max(0, pending.counts[i] - model.free[node][pending.resources[i]]);
        }
        return deficit;
    }

    /// GPUs of the pending pod's resources held by pods on the node that may move for it.
    private long movable(PodState pending, int node) {
        long movable = 0;
        for (PodState pod : model.podsOn.get(node)) {
            if (mayMoveFor(pod, pending)) {
                movable += shared(pod, pending);
            }
        }
        return movable;
    }

    private boolean mayMoveFor(PodState pod, PodState pending) {
        return pod.refusal == null && !pod.moved() && pod.priority() <= pending.priority();
    }

    /// GPUs `pod` holds of the resources `pending` asks for.
    private static long shared(PodState pod, PodState pending) {
        long sum = 0;
        for (int i = 0; i < pod.resources.length; i++) {
            for (int j = 0; j < pending.resources.length; j++) {
                if (pod.resources[i] == pending.resources[j]) {
                    sum += pod.counts[i];
                }
            }
        }
        return sum;
    }

    /// Tries to make room on the candidate node, then undoes the trial moves.
    private @Nullable Trial trial(PodState pending, Candidate candidate) {
        int node = candidate.node();
        long[] blocked = model.emptyMask();
        blocked[node >>> 6] |= 1L << node;
        List<PodState> order = model.podsOn.get(node).stream().filter(p -> mayMoveFor(p, pending))
                .sorted(Comparator.comparingInt(PodState::priority)
                        .thenComparing(Comparator.comparingLong((PodState p) -> shared(p, pending)).reversed())
                        .thenComparing(PodState::name))
                .toList();
        List<PodState> chosen = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        for (PodState pod : order) {
            if (model.fits(pending, node)) {
                break;
            }
            if (book.exhaustedBudget(pod) != null) {
                continue;
            }
            int target = model.bestFit(pod, blocked);
            if (target >= 0) {
                book.consume(pod);
                model.move(pod, target);
                chosen.add(pod);
                targets.add(target);
            }
        }
        boolean fits = model.fits(pending, node);
        for (int i = chosen.size() - 1; i >= 0; i--) {
            model.move(chosen.get(i), node);
            book.refund(chosen.get(i));
        }
        if (!fits) {
            return null;
        }
        int maxPriority = chosen.stream().mapToInt(PodState::priority).max().orElse(Integer.MIN_VALUE);
        long sum = chosen.stream().mapToLong(PodState::priority).sum();
        return new Trial(node, chosen, targets, maxPriority, sum, candidate.deficit());
    }

    private void commit(PodState pending, Trial trial) {
        String room = pending.name();
        String reason = "makes room on " + model.name(trial.node()) + " for pending " + room + " ("
                + pending.gpus + (pending.gpus == 1 ? " GPU)" : " GPUs)");
        for (int i = 0; i < trial.pods().size(); i++) {
            book.move(model, trial.pods().get(i), trial.targets().get(i), reason, room);
        }
        model.reserve(pending, trial.node());
    }
}
