package dev.gpufleet.views.actions;

import dev.gpufleet.core.drain.DrainCandidate;
import dev.gpufleet.core.drain.DrainEvent;
import dev.gpufleet.core.drain.DrainPlan;
import dev.gpufleet.core.drain.PlannedPod;
import dev.gpufleet.views.actions.ProgressRow.State;
import java.util.Optional;
import javafx.collections.ObservableList;

/// One row per pod the drain removes, moved along by [DrainEvent]s (call on the FX thread), so
/// a pod a PodDisruptionBudget holds back says which budget and when the next try is.
final class DrainProgressRows {

    private final DrainPlan plan;
    private final ObservableList<ProgressRow> rows;

    /// Fills `rows` with the plan's removals, each waiting, and keeps them up to date.
    DrainProgressRows(DrainPlan plan, ObservableList<ProgressRow> rows) {
        this.plan = plan;
        this.rows = rows;
        rows.clear();
        for (PlannedPod pod : plan.removals()) {
            rows.add(new ProgressRow(pod.pod().qualifiedName(), State.WAITING, "waiting to be evicted"));
        }
    }

    /// Applies `event`; returns a line for the drain's log when the event concerns the node.
    Optional<String> apply(DrainEvent event) {
        boolean dryRun = plan.options().dryRun();
        switch (event) {
            case DrainEvent.Cordoned cordoned -> {
                return Optional.of("Node " + cordoned.node() + (cordoned.already() ? " was already cordoned"
                        : " cordoned: no new pods are scheduled on it"));
            }
            case DrainEvent.Evicted evicted -> set(evicted.pod(), State.EVICTING, dryRun
                    ? "the server would evict it (dry run)" : "eviction accepted; waiting for it to stop");
            case DrainEvent.EvictionBlocked blocked -> set(blocked.pod(), State.HELD_BACK, heldBack(blocked));
            case DrainEvent.PodGone gone -> set(gone.pod(), gone.replaced() ? State.REPLACED : State.GONE,
                    gone.replaced() ? "replaced by a new pod of the same name" : "gone");
            case DrainEvent.EvictionFailed failed -> set(failed.pod(), State.FAILED, failed.message());
        }
        return Optional.empty();
    }

    /// `held back by PDB ml/trainer-pdb (allows 0) — attempt 3, retrying in 5 s`.
    private String heldBack(DrainEvent.EvictionBlocked blocked) {
        String budget = plan.budgets().stream()
                .filter(b -> b.namespace().equals(blocked.pod().namespace()) && blocked.pod().budgets().contains(b.name()))
                .map(b -> "PDB " + b.qualifiedName() + " (allowed " + b.disruptionsAllowed() + " at the preview)")
                .findFirst().orElse("a PodDisruptionBudget");
        String retry = blocked.retryIn().isZero() ? "" : ", retrying in " + blocked.retryIn().toSeconds() + " s";
        return "held back by " + budget + " — attempt " + blocked.attempt() + retry + ": " + blocked.reason();
    }

    private void set(DrainCandidate pod, State state, String detail) {
        String name = pod.qualifiedName();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).pod().equals(name)) {
                rows.set(i, new ProgressRow(name, state, detail));
                return;
            }
        }
        rows.add(new ProgressRow(name, state, detail));
    }
}
