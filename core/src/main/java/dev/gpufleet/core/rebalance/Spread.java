package dev.gpufleet.core.rebalance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/// [Goal#SPREAD]: from each hot node (hottest first), one GPU pod, the lowest-priority one that
/// can go, moves to the coolest node below the threshold that fits it (then the first by name).
/// A node receives at most one pod per plan, since its heat after the move is not
/// known.
final class Spread {

    private final FleetModel model;
    private final PlanBook book;
    private final double threshold;

    Spread(FleetModel model, PlanBook book, double threshold) {
        this.model = model;
        this.book = book;
        this.threshold = threshold;
    }

    void run() {
        List<Integer> hot = new ArrayList<>();
        for (int n = 0; n < model.size(); n++) {
            if (model.heat[n] >= threshold && !model.podsOn.get(n).isEmpty()) {
                hot.add(n);
            }
        }
        hot.sort(Comparator.comparingDouble((Integer n) -> model.heat[n]).reversed().thenComparing(n -> n));
        boolean[] received = new boolean[model.size()];
        int[] cool = IntStream.range(0, model.size()).filter(n -> model.heat[n] < threshold)
                .boxed().sorted(Comparator.comparingDouble((Integer n) -> model.heat[n]).thenComparing(n -> n))
                .mapToInt(Integer::intValue).toArray();
        for (int source : hot) {
            if (book.movesLeft() <= 0) {
                book.limitReached();
                return;
            }
            cool(source, received, cool);
        }
    }

    private void cool(int source, boolean[] received, int[] cool) {
        String node = model.name(source);
        PodState first = null;
        for (PodState pod : model.podsOn.get(source).stream().sorted(Evacuate.MOVE_ORDER).toList()) {
            first = first == null ? pod : first;
            if (pod.refusal != null || book.exhaustedBudget(pod) != null) {
                continue;
            }
            int target = coolest(pod, received, cool);
            if (target >= 0) {
                received[target] = true;
                book.move(model, pod, target, String.format(Locale.ROOT,
                        "cools %s (heat %.2f) toward %s (heat %.2f)", node, model.heat[source],
                        model.name(target), model.heat[target]), null);
                return;
            }
        }
        if (first != null) {
            book.leaveBehind(first, node, "no cooler node fits any of its movable GPU pods");
        }
    }

    /// The first node of `cool` (coolest first, then by name) that has not received yet and fits.
    private int coolest(PodState pod, boolean[] received, int[] cool) {
        for (int n : cool) {
            if (!received[n] && n != pod.node && model.eligible(pod, n) && model.fits(pod, n)) {
                return n;
            }
        }
        return -1;
    }
}
