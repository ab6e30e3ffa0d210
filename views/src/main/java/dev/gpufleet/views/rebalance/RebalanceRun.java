package dev.gpufleet.views.rebalance;

import dev.gpufleet.core.actions.RebalanceExecution;
import dev.gpufleet.core.actions.RebalanceOperations;
import dev.gpufleet.core.exec.TaskExecutor;
import dev.gpufleet.core.rebalance.ApplyReport;
import dev.gpufleet.core.rebalance.Move;
import dev.gpufleet.core.rebalance.MoveResult;
import dev.gpufleet.views.actions.ProgressRow;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/// One rebalance being applied from the screen: its settings (moves at a time, cordon the
/// sources), a progress row per move, a log of what the operator did, and Pause (no new move
/// starts; those in flight finish), Resume and Cancel (no new evictions; the moves in flight
/// stop where they are and their rows say where that was). Call on the FX thread.
public final class RebalanceRun {

    /// Moves in flight at once unless the operator says otherwise, as `rebalance apply --concurrency`.
    public static final int DEFAULT_CONCURRENCY = 2;

    /// What the screen hears when a run ends: a summary for people, and whether it broke down.
    @FunctionalInterface
    interface Ending {
        void ended(String summary, boolean failed);
    }

    private final RebalanceOperations operations;
    private final TaskExecutor background;
    private final Executor fx;
    private final IntegerProperty concurrency = new SimpleIntegerProperty(this, "concurrency", DEFAULT_CONCURRENCY);
    private final BooleanProperty cordonSources = new SimpleBooleanProperty(this, "cordonSources");
    private final ObservableList<ProgressRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ProgressRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObservableList<String> logView = FXCollections.unmodifiableObservableList(log);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused");
    private final ReadOnlyBooleanWrapper cancelling = new ReadOnlyBooleanWrapper(this, "cancelling");
    private @Nullable RebalanceExecution execution;

    RebalanceRun(RebalanceOperations operations, TaskExecutor background, Executor fx) {
        this.operations = operations;
        this.background = background;
        this.fx = fx;
    }

    /// Starts applying `moves` on `context`; `ending` hears how it ended.
    void start(String context, List<Move> moves, Ending ending) {
        MoveProgressRows tracker = new MoveProgressRows(moves, rows);
        int limit = Math.max(1, concurrency.get());
        boolean cordon = cordonSources.get();
        log.clear();
        execution = null;
        paused.set(false);
        cancelling.set(false);
        running.set(true);
        log.add("Applying " + RebalanceText.count(moves.size(), "move") + ", " + limit + " at a time"
                + (cordon ? ", cordoning each source first." : "."));
        background.supply(() -> operations.start(context, moves, limit, cordon,
                event -> fx.execute(() -> tracker.apply(event)))).whenComplete((started, failure) ->
                fx.execute(() -> running(started, failure, tracker, cordon, ending)));
    }

    private void running(@Nullable RebalanceExecution started, @Nullable Throwable failure, MoveProgressRows tracker,
            boolean cordon, Ending ending) {
        if (started == null) {
            running.set(false);
            ending.ended("The rebalance did not start: " + RebalanceViewModel.messageOf(failure)
                    + " Nothing was evicted.", true);
            return;
        }
        execution = started;
        if (cancelling.get()) {
            started.cancel();
        } else if (paused.get()) {
            started.pause();
        }
        started.result().whenComplete((report, failed) -> fx.execute(() -> finish(report, failed, tracker, cordon,
                ending)));
    }

    private void finish(@Nullable ApplyReport report, @Nullable Throwable failure, MoveProgressRows tracker,
            boolean cordon, Ending ending) {
        running.set(false);
        paused.set(false);
        if (report == null) {
            ending.ended("The rebalance broke off: " + RebalanceViewModel.messageOf(failure)
                    + " Plan again to see where things stand.", true);
            return;
        }
        tracker.ended(report.results());
        boolean anyStarted = report.results().stream().anyMatch(r -> !r.message().startsWith("not started"));
        String summary = (cancelling.get() ? "Cancelled: " + stoppedAt(report) + " " : "") + report.summary()
                + (cordon && anyStarted ? " Cordoned sources stay cordoned: uncordon them to undo." : "");
        log.add(summary);
        ending.ended(summary, false);
    }

    /// Where a cancel caught the moves: `2 done, 1 stopped while evicting, 3 never started.`
    private static String stoppedAt(ApplyReport report) {
        long done = report.done();
        long notStarted = report.results().stream().filter(r -> r.status() == MoveResult.Status.STOPPED
                && r.message().startsWith("not started")).count();
        long inFlight = report.results().stream().filter(r -> r.status() == MoveResult.Status.STOPPED).count()
                - notStarted;
        return done + " done, " + inFlight + " stopped in flight (see their rows), " + notStarted + " never started.";
    }

    /// Starts no new move; the moves in flight finish.
    public void pause() {
        if (!running.get() || paused.get() || cancelling.get()) {
            return;
        }
        paused.set(true);
        log.add("Paused: no new move starts; the moves in flight finish. Resume to go on, Cancel to stop.");
        RebalanceExecution current = execution;
        if (current != null) {
            current.pause();
        }
    }

    public void resume() {
        if (!running.get() || !paused.get() || cancelling.get()) {
            return;
        }
        paused.set(false);
        log.add("Resumed.");
        RebalanceExecution current = execution;
        if (current != null) {
            current.resume();
        }
    }

    /// Stops evicting: moves not started never start, those in flight stop where they are; what
    /// was evicted stays evicted.
    public void cancel() {
        if (!running.get() || cancelling.get()) {
            return;
        }
        cancelling.set(true);
        log.add("Cancelling: no new evictions; moves in flight stop where they are, what was evicted stays evicted.");
        RebalanceExecution current = execution;
        if (current != null) {
            current.cancel();
        }
    }

    public IntegerProperty concurrencyProperty() {
        return concurrency;
    }

    public BooleanProperty cordonSourcesProperty() {
        return cordonSources;
    }

    public ObservableList<ProgressRow> progressRows() {
        return rowsView;
    }

    public ObservableList<String> log() {
        return logView;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty cancellingProperty() {
        return cancelling.getReadOnlyProperty();
    }
}
