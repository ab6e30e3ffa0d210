package dev.gpufleet.core.rebalance;

import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodScheduling;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/// One GPU pod as the planner moves it around: its requests as resource indices (largest
/// request first, the one the node index is searched by), where it started and where the plan
/// has it now (`-1`: pending, nowhere yet).
final class PodState {

    final PodRecord record;
    final int[] resources;
    final long[] counts;
    final int origin;
    final int[] budgets;
    /// Why the rules do not let it move (the drain disposition), `null` when it may.
    final @Nullable String refusal;
    /// The GPU product index a moved pod must keep, `-1` when any will do.
    final int model;
    final long gpus;
    int node;
    long @Nullable [] eligible;

    PodState(PodRecord record, int[] resources, long[] counts, int origin, int[] budgets, @Nullable String refusal,
            int model) {
        this.record = record;
        this.resources = resources;
        this.counts = counts;
        this.origin = origin;
        this.node = origin;
        this.budgets = budgets;
        this.refusal = refusal;
        this.model = model;
        long sum = 0;
        for (long count : counts) {
            sum += count;
        }
        this.gpus = sum;
    }

    boolean moved() {
        return node != origin;
    }

    int priority() {
        return record.priority();
    }

    String name() {
        return record.qualifiedName();
    }

    /// The constraint set that decides which nodes could ever take it, shared by equal pods.
    EligibilityKey eligibilityKey() {
        return new EligibilityKey(record.scheduling(), Arrays.toString(sortedResources()), model);
    }

    private int[] sortedResources() {
        int[] sorted = resources.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    record EligibilityKey(PodScheduling scheduling, String resources, int model) {
    }
}
