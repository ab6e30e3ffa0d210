package dev.gpufleet.core.history;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Decides when a [FleetHistory]'s rings must be re-laid to stay within its [HistoryBudget],
/// and for which [Retention].
final class RingBudget {

    private static final Logger LOG = LoggerFactory.getLogger(RingBudget.class);

    private final HistoryConfig config;
    private final HistoryBudget budget;
    private final int chunkSlots;
    private boolean warned;

    RingBudget(HistoryConfig config, int chunkSlots) {
        this.config = config;
        this.budget = config.budget();
        this.chunkSlots = chunkSlots;
    }

    /// The shape to re-lay rings of shape `current` for, when `chunkCount` chunks of it would
    /// exceed the budget: planned for `quarters` quarters of that count (5: a quarter more, so
    /// a fleet growing GPU by GPU re-lays them only a few times; 4: exactly, when the count is
    /// known), never with finer buckets or a longer fine ring than `current` (the ticks it would
    /// add are gone already). Null when they fit, or nothing smaller can be planned (warned once).
    @Nullable Retention replan(Retention current, int chunkCount, int quarters) {
        long slotCount = (long) chunkCount * chunkSlots;
        if (budget.fits(current, config, slotCount)) {
            return null;
        }
        long plannedSlots = (long) Math.ceilDiv(chunkCount * quarters, 4) * chunkSlots;
        Retention planned = budget.plan(config, plannedSlots, current.coarseFactor());
        if (planned.fineTicks() > current.fineTicks()) {
            planned = new Retention(planned.resolution(), Math.max(current.fineTicks(), planned.coarseFactor()),
                    planned.coarseFactor(), planned.coarseTicks());
        }
        if (!planned.equals(current)) {
            return planned;
        }
        if (!warned) {
            warned = true;
            LOG.warn("The metric history of {} GPUs needs more than its budget of {} even at {}; raise -D{}",
                    slotCount, budget.describe(), planned.describe(), HistoryBudget.PROPERTY);
        }
        return null;
    }
}
