package dev.gpufleet.views.rebalance;

import dev.gpufleet.core.drain.DrainEvent;
import dev.gpufleet.core.rebalance.Move;
import dev.gpufleet.core.rebalance.MoveEvent;
import dev.gpufleet.core.rebalance.MoveResult;
import dev.gpufleet.views.actions.ProgressRow;
import dev.gpufleet.views.actions.ProgressRow.State;
import java.util.List;
import javafx.collections.ObservableList;

/// One progress row per move, in step order, moved along by [MoveEvent]s (call on the FX
/// thread): waiting, evicting (or held back by a budget, named), then how it ended — landed
/// where planned or elsewhere, gone, blocked, failed, or stopped by a cancel and where.
final class MoveProgressRows {

    private final List<Move> moves;
    private final ObservableList<ProgressRow> rows;

    /// Fills `rows` with `moves`, each waiting, and keeps them up to date.
    MoveProgressRows(List<Move> moves, ObservableList<ProgressRow> rows) {
        this.moves = List.copyOf(moves);
        this.rows = rows;
        rows.setAll(this.moves.stream().map(m -> new ProgressRow(label(m), State.WAITING,
                "waiting to start (expected on " + m.to() + ")")).toList());
    }

    void apply(MoveEvent event) {
        Move move = event.move();
        switch (event) {
            case MoveEvent.Starting starting -> set(move, State.EVICTING, "moving off " + move.from()
                    + " (expected on " + move.to() + ")");
            case MoveEvent.Evicting evicting -> evicting(move, evicting.event());
            case MoveEvent.Finished finished -> finished(finished.result());
        }
    }

    private void evicting(Move move, DrainEvent event) {
        switch (event) {
            case DrainEvent.Cordoned cordoned -> set(move, State.EVICTING, "source " + cordoned.node()
                    + (cordoned.already() ? " was already cordoned" : " cordoned"));
            case DrainEvent.Evicted evicted -> set(move, State.EVICTING,
                    "eviction accepted; waiting for its replacement to be scheduled");
            case DrainEvent.EvictionBlocked blocked -> set(move, State.HELD_BACK, "held back — attempt "
                    + blocked.attempt() + (blocked.retryIn().isZero() ? "" : ", retrying in "
                    + blocked.retryIn().toSeconds() + " s") + ": " + blocked.reason());
            case DrainEvent.PodGone gone -> set(move, State.EVICTING, (gone.replaced() ? "replaced" : "gone")
                    + "; waiting for its replacement to be scheduled");
            case DrainEvent.EvictionFailed failed -> set(move, State.FAILED, failed.message());
        }
    }

    private void finished(MoveResult result) {
        Move move = result.move();
        switch (result.status()) {
            case LANDED -> set(move, State.REPLACED, (result.landedAsPlanned() ? "landed on " + result.landedOn()
                    + " as planned" : "landed on " + result.landedOn() + ", not on " + move.to() + " as planned")
                    + ": " + result.message());
            case GONE -> set(move, State.GONE, result.message());
            case BLOCKED -> set(move, State.HELD_BACK, "blocked until the run ended: " + result.message());
            case FAILED -> set(move, State.FAILED, result.message());
            case STOPPED -> set(move, State.STOPPED, result.message());
        }
    }

    /// Marks every move still unfinished with how the run ended for it (a report's results).
    void ended(List<MoveResult> results) {
        for (MoveResult result : results) {
            int index = moves.indexOf(result.move());
            if (index >= 0 && !rows.get(index).state().finished()) {
                finished(result);
            }
        }
    }

    private void set(Move move, State state, String detail) {
        int index = moves.indexOf(move);
        if (index >= 0) {
            rows.set(index, new ProgressRow(label(move), state, detail));
        }
    }

    private static String label(Move move) {
        return move.step() + ". " + move.pod().qualifiedName();
    }
}
