package dev.gpufleet.core.capacity;

import dev.gpufleet.core.history.HistoryReader;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.HistoryReplay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/// Feeds a [WasteLedger] a past window from the store's history (filled from Prometheus range
/// queries for a Prometheus-read cluster), one [HistoryReplay] per history step.
///
/// The replayed fleet is today's inventory with the values of then: pods, cordons and pending
/// pods are as they are now, and MIG instances have no values in the history, so the time of
/// an allocated MIG instance is unknown.
public final class WasteReplay {

    /// The note a replayed report carries.
    public static final String NOTE = "Replayed from history: pods, cordons and pending pods are today's, "
            + "and allocated MIG instances count as unknown (the history keeps no per-instance activity).";

    private WasteReplay() {
    }

    /// Feeds `ledger` the fleet as `history` held it at every `step` from `from` to `to`.
    public static void replay(FleetSnapshot live, HistoryReader history, Instant from, Instant to, Duration step,
            WasteLedger ledger) {
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("the replay step must be positive, not " + step);
        }
        for (Instant time = from; time.isBefore(to); time = time.plus(step)) {
            ledger.accept(withPending(HistoryReplay.at(live, history, time), live));
        }
        ledger.accept(withPending(HistoryReplay.at(live, history, to), live));
        ledger.note(NOTE);
    }

    /// The replayed fleet with today's unscheduled pods, which the replay leaves out.
    private static FleetSnapshot withPending(FleetSnapshot then, FleetSnapshot live) {
        List<ClusterSnapshot> clusters = new ArrayList<>(then.clusters().size());
        for (ClusterSnapshot cluster : then.clusters()) {
            List<PodRecord> pending = live.cluster(cluster.name())
                    .map(ClusterSnapshot::unscheduled).orElse(List.of());
            clusters.add(new ClusterSnapshot(cluster.name(), cluster.connection(), cluster.nodes(), pending));
        }
        return new FleetSnapshot(then.version(), then.time(), clusters);
    }
}
