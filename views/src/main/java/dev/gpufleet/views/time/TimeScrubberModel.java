package dev.gpufleet.views.time;

import dev.gpufleet.core.store.FleetSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.jspecify.annotations.Nullable;

/// The time scrubber's state and commands; knows no `Node`.
///
/// Live by default. [#scrubTo] leaves live mode and asks the history for the fleet at that
/// moment; the answer is handed to `replay` on the FX thread (through `fx`), unless a later
/// scrub has overtaken it. [#goLive] hands `null` to `replay`, which means "show live again".
/// The range is what the history holds ([#refreshRange]).
public final class TimeScrubberModel {

    private final HistoryAccess history;
    private final Consumer<@Nullable FleetSnapshot> replay;
    private final Executor fx;
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(this, "live", true);
    private final ReadOnlyObjectWrapper<Optional<HistoryAccess.Window>> range =
            new ReadOnlyObjectWrapper<>(this, "range", Optional.empty());
    private final ReadOnlyObjectWrapper<@Nullable Instant> position = new ReadOnlyObjectWrapper<>(this, "position");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private long request;

    /// @param replay receives the fleet of the scrubbed moment, or `null` for live
    /// @param fx     runs answers on the FX thread (`Platform::runLater`; a direct executor in tests)
    public TimeScrubberModel(HistoryAccess history, Consumer<@Nullable FleetSnapshot> replay, Executor fx) {
        this.history = Objects.requireNonNull(history, "history");
        this.replay = Objects.requireNonNull(replay, "replay");
        this.fx = Objects.requireNonNull(fx, "fx");
    }

    /// Asks the history for its span again (e.g. when the scrubber is touched).
    public void refreshRange() {
        history.window().whenComplete((window, failed) -> fx.execute(() -> {
            if (failed == null) {
                range.set(window);
            }
        }));
    }

    /// Shows the fleet as it was at `time`, clamped into the range.
    public void scrubTo(Instant time) {
        Instant at = clamp(time);
        live.set(false);
        position.set(at);
        long mine = ++request;
        history.snapshotAt(at).whenComplete((snapshot, failed) -> fx.execute(() -> {
            if (mine != request || live.get()) {
                return;
            }
            if (failed != null) {
                problem.set("The history could not be read: " + rootMessage(failed));
                return;
            }
            problem.set("");
            replay.accept(snapshot);
        }));
    }

    /// Scrubs to the fraction `f` (0 oldest, 1 newest) of the range; nothing without a range.
    public void scrubToFraction(double f) {
        range.get().ifPresent(window -> {
            long span = Duration.between(window.oldest(), window.newest()).toMillis();
            scrubTo(window.oldest().plusMillis(Math.round(span * Math.clamp(f, 0.0, 1.0))));
        });
    }

    /// Moves the replayed moment by `step` (negative: back); from live, starts at the newest.
    public void step(Duration step) {
        Instant from = position.get();
        if (live.get() || from == null) {
            from = range.get().map(HistoryAccess.Window::newest).orElse(null);
        }
        if (from != null) {
            scrubTo(from.plus(step));
        }
    }

    /// Back to the live fleet.
    public void goLive() {
        request++;
        live.set(true);
        position.set(null);
        problem.set("");
        replay.accept(null);
    }

    /// The fraction of the range `position` is at, 1 when live or without a range.
    public double fraction() {
        Instant at = position.get();
        Optional<HistoryAccess.Window> window = range.get();
        if (at == null || window.isEmpty()) {
            return 1.0;
        }
        long span = Duration.between(window.get().oldest(), window.get().newest()).toMillis();
        return span <= 0 ? 1.0 : Duration.between(window.get().oldest(), at).toMillis() / (double) span;
    }

    private Instant clamp(Instant time) {
        Optional<HistoryAccess.Window> window = range.get();
        if (window.isEmpty()) {
            return time;
        }
        if (time.isBefore(window.get().oldest())) {
            return window.get().oldest();
        }
        return time.isAfter(window.get().newest()) ? window.get().newest() : time;
    }

    private static String rootMessage(Throwable failed) {
        Throwable root = failed;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    public ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Optional<HistoryAccess.Window>> rangeProperty() {
        return range.getReadOnlyProperty();
    }

    /// The moment shown while not live; `null` when live.
    public ReadOnlyObjectProperty<@Nullable Instant> positionProperty() {
        return position.getReadOnlyProperty();
    }

    /// Why the last scrub showed nothing new; empty when fine.
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
