package dev.gpufleet.views.capacity;

import dev.gpufleet.core.capacity.PendingPod;
import dev.gpufleet.core.capacity.WasteReport;
import dev.gpufleet.core.capacity.WasteScope;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The capacity screen's state: per-category tiles, the trend's points, one table per scope,
/// the top wasters and the pending GPU pods, all from a [WasteReport]. Knows no `Node`.
///
/// [#refresh()] reads a report and turns it into rows on `background` (a big fleet's report
/// is not FX-thread work) and shows them through `fxThread`; a refresh asked for while one is
/// under way is skipped, so a slow read never queues up.
public final class CapacityViewModel {

    /// The scopes a table can show.
    public static final List<WasteScope> SCOPES =
            List.of(WasteScope.CLUSTER, WasteScope.POOL, WasteScope.NODE, WasteScope.NAMESPACE, WasteScope.WORKLOAD);
    /// How many top wasters are listed.
    public static final int TOP_WASTERS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(CapacityViewModel.class);
    /// Most idle hours first, then by key.
    static final Comparator<CapacityRow> MOST_IDLE_FIRST =
            Comparator.comparingDouble(CapacityRow::idleHours).reversed().thenComparing(CapacityRow::key);

    /// A tile: one category's GPU-hours and its share of the fleet's.
    public record Tile(CategoryLook look, double hours, double percent) {
    }

    /// What one report shows, computed off the FX thread.
    private record Shown(WasteReport report, CapacityRow fleet, Map<WasteScope, List<CapacityRow>> byScope,
                         List<CapacityRow> topWasters, List<CapacityTrend.Point> trend) {
    }

    private final Supplier<WasteReport> reports;
    private final Executor background;
    private final Executor fxThread;
    private final CapacityTrend trend = new CapacityTrend();
    private final ObjectProperty<WasteScope> scope = new SimpleObjectProperty<>(this, "scope", WasteScope.POOL);
    private final ReadOnlyObjectWrapper<@Nullable WasteReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyObjectWrapper<List<CapacityTrend.Point>> points =
            new ReadOnlyObjectWrapper<>(this, "points", List.of());
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Reading…");
    private final ObservableList<Tile> tiles = FXCollections.observableArrayList();
    private final ObservableList<CapacityRow> rows = FXCollections.observableArrayList();
    private final ObservableList<CapacityRow> topWasters = FXCollections.observableArrayList();
    private final ObservableList<PendingPod> pending = FXCollections.observableArrayList();
    // One read-only view of each list, kept here: a view made per call is held by nothing but a
    // weak listener, so whoever subscribes to it stops hearing once it is collected.
    private final ObservableList<Tile> tilesView = FXCollections.unmodifiableObservableList(tiles);
    private final ObservableList<CapacityRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<CapacityRow> topWastersView = FXCollections.unmodifiableObservableList(topWasters);
    private final ObservableList<PendingPod> pendingView = FXCollections.unmodifiableObservableList(pending);
    private @Nullable Shown shown;
    private @Nullable CapacityRow fleet;
    private boolean reading;

    /// Reads reports from `reports` on `background`, showing them through `fxThread`.
    public CapacityViewModel(Supplier<WasteReport> reports, Executor background, Executor fxThread) {
        this.reports = Objects.requireNonNull(reports, "reports");
        this.background = Objects.requireNonNull(background, "background");
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
        scope.addListener((obs, was, now) -> showScope());
    }

    /// Reads the newest report; call on the FX thread. Skipped while a read is under way.
    public void refresh() {
        if (reading) {
            return;
        }
        reading = true;
        background.execute(() -> {
            Shown next;
            try {
                next = compute(reports.get());
            } catch (RuntimeException e) {
                LOG.warn("The capacity report could not be computed", e);
                fxThread.execute(() -> {
                    reading = false;
                    status.set("The capacity report could not be computed: " + e.getMessage()
                            + ". It is retried at the next refresh; the log has the details.");
                });
                return;
            }
            fxThread.execute(() -> {
                reading = false;
                show(next);
            });
        });
    }

    private Shown compute(WasteReport next) {
        Map<WasteScope, List<CapacityRow>> byScope = new EnumMap<>(WasteScope.class);
        for (WasteScope each : SCOPES) {
            byScope.put(each, next.rows(each).stream().map(CapacityRow::of).sorted(MOST_IDLE_FIRST).toList());
        }
        List<CapacityRow> wasters = next.topWasters(TOP_WASTERS).stream().map(CapacityRow::of).toList();
        return new Shown(next, CapacityRow.of(next.rows(WasteScope.FLEET).getFirst()), byScope, wasters,
                trend.update(next));
    }

    private void show(Shown next) {
        shown = next;
        fleet = next.fleet();
        tiles.setAll(tilesOf(next.fleet()));
        topWasters.setAll(next.topWasters());
        pending.setAll(next.report().pending());
        points.set(next.trend());
        showScope();
        status.set(CapacityText.status(next.report(), next.fleet()));
        // Last: a listener of the report reads the rest.
        report.set(next.report());
    }

    static List<Tile> tilesOf(CapacityRow fleet) {
        return CategoryLook.ORDER.stream()
                .map(look -> new Tile(look, fleet.hours(look),
                        fleet.totalHours() > 0 ? 100 * fleet.hours(look) / fleet.totalHours() : 0))
                .toList();
    }

    private void showScope() {
        rows.setAll(shown == null ? List.of() : shown.byScope().getOrDefault(scope.get(), List.of()));
    }

    /// The scope the table shows.
    public ObjectProperty<WasteScope> scopeProperty() {
        return scope;
    }

    /// The report shown, `null` before the first; it changes after everything else a report shows.
    public ReadOnlyObjectProperty<@Nullable WasteReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /// The trend's points, oldest first.
    public ReadOnlyObjectProperty<List<CapacityTrend.Point>> pointsProperty() {
        return points.getReadOnlyProperty();
    }

    /// What the window covers, or why nothing shows.
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /// One tile per category, in [CategoryLook#ORDER].
    public ObservableList<Tile> tiles() {
        return tilesView;
    }

    /// The fleet's row, `null` before the first report.
    public @Nullable CapacityRow fleet() {
        return fleet;
    }

    /// The rows of the chosen scope, most idle hours first.
    public ObservableList<CapacityRow> rows() {
        return rowsView;
    }

    /// The workloads with the most idle-allocated hours, most first.
    public ObservableList<CapacityRow> topWasters() {
        return topWastersView;
    }

    /// The GPU pods waiting at the report's end, with why.
    public ObservableList<PendingPod> pending() {
        return pendingView;
    }

    /// The chosen scope's rows as CSV fields (an immutable copy: safe to write off the FX thread).
    public List<List<String>> csvRows() {
        return rows.stream().map(CapacityRow::csv).toList();
    }

    /// The stranded GPUs in the newest trend bucket (on average over it), 0 before there is one.
    public double strandedNow() {
        List<CapacityTrend.Point> all = points.get();
        return all.isEmpty() ? 0 : all.getLast().gpus(CategoryLook.STRANDED);
    }
}
