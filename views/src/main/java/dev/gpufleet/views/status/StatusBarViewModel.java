package dev.gpufleet.views.status;

import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuColumns;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.views.format.Ages;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// The status bar and error banner's state: each cluster's connection, the fleet's GPU counts
/// and how old the snapshot is. [#update] takes a snapshot and the time; lists change only
/// when their content does.
public final class StatusBarViewModel {

    /// A snapshot older than this makes the age text a warning.
    static final Duration OLD_SNAPSHOT = Duration.ofSeconds(30);
    /// Readings older than this are stale where the model was given no age per cluster.
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(60);
    private static final DateTimeFormatter SINCE =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /// Banners the person closed, by cluster and state; a new state brings the banner back.
    private final Set<String> dismissed = new HashSet<>();
    private final Function<String, Duration> staleAfter;
    private FleetSnapshot last = FleetSnapshot.empty(Instant.EPOCH);
    /// Each cluster's stale-telemetry index, made once per cluster snapshot and asked every tick.
    private Map<String, StaleTelemetry> staleIndex = Map.of();
    private Instant lastNow = Instant.EPOCH;

    private final ObservableList<ClusterStatusItem> clusters = FXCollections.observableArrayList();
    private final ObservableList<ClusterStatusItem> clustersView = FXCollections.unmodifiableObservableList(clusters);
    private final ObservableList<ClusterProblem> problems = FXCollections.observableArrayList();
    private final ObservableList<ClusterProblem> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final ReadOnlyStringWrapper gpuSummary = new ReadOnlyStringWrapper(this, "gpuSummary", "no GPUs yet");
    private final ReadOnlyStringWrapper snapshotAge = new ReadOnlyStringWrapper(this, "snapshotAge", "waiting for data");
    private final ReadOnlyBooleanWrapper snapshotOld = new ReadOnlyBooleanWrapper(this, "snapshotOld", false);

    /// A model whose readings go stale after [#DEFAULT_STALE_AFTER] in every cluster.
    public StatusBarViewModel() {
        this(cluster -> DEFAULT_STALE_AFTER);
    }

    /// A model whose readings of a cluster go stale after what `staleAfter` says for it.
    public StatusBarViewModel(Function<String, Duration> staleAfter) {
        this.staleAfter = Objects.requireNonNull(staleAfter, "staleAfter");
    }

    /// Shows `snapshot` as of `now`.
    public void update(FleetSnapshot snapshot, Instant now) {
        last = snapshot;
        lastNow = now;
        List<ClusterProblem> found = new ArrayList<>();
        Set<String> current = new HashSet<>();
        for (ClusterSnapshot cluster : snapshot.clusters()) {
            ConnectionStatus status = cluster.connection();
            current.add(key(cluster.name(), status));
            if (ConnectionAdvice.needsBanner(status.state()) && !dismissed.contains(key(cluster.name(), status))) {
                found.add(problem(cluster.name(), status, snapshot.clusters().size() > 1));
            }
        }
        dismissed.retainAll(current);
        replace(problems, found);
        gpuSummary.set(summary(snapshot));
        tick(snapshot, now);
    }

    /// Refreshes only the time-dependent text and the clusters' staleness (called about once a
    /// second: readings go stale, and a stale cluster's data ages, while no new snapshot comes).
    public void tick(FleetSnapshot snapshot, Instant now) {
        Map<String, StaleTelemetry> index = new HashMap<>();
        for (ClusterSnapshot cluster : snapshot.clusters()) {
            index.put(cluster.name(), StaleTelemetry.of(cluster, staleIndex.get(cluster.name())));
        }
        staleIndex = index;
        replace(clusters, snapshot.clusters().stream().map(cluster -> item(cluster, now)).toList());
        if (snapshot.version() == 0) {
            snapshotAge.set("waiting for data");
            snapshotOld.set(false);
            return;
        }
        snapshotAge.set("updated " + Ages.ago(snapshot.time(), now));
        snapshotOld.set(Duration.between(snapshot.time(), now).compareTo(OLD_SNAPSHOT) > 0);
    }

    private ClusterStatusItem item(ClusterSnapshot cluster, Instant now) {
        ConnectionStatus status = cluster.connection();
        String stale = staleIndex.get(cluster.name()).describe(now, staleAfter.apply(cluster.name()));
        String detail = detail(cluster.name(), status, now) + (stale == null ? "" : "\n" + capitalized(stale) + ".");
        return new ClusterStatusItem(cluster.name(), status.state(), cluster.gpuCount(), detail,
                staleness(status, now), progress(status), stale);
    }

    /// While a cluster syncs, its connector's message says how far the list has come.
    private static String progress(ConnectionStatus status) {
        String message = status.message();
        return status.state() == ConnectionState.SYNCING && message != null ? message.strip() : "";
    }

    /// E.g. `research-west: DEGRADED — API server answering 429 (throttled)… (since 12:03:05);
    /// inventory as of 12:03:05 (40 s ago)` and the advice for the state on a line of its own.
    static String detail(String cluster, ConnectionStatus status, Instant now) {
        String message = status.message();
        String text = cluster + ": " + status.state().name()
                + (message == null || message.isBlank() ? "" : " — " + message);
        String stale = staleness(status, now);
        String advice = ConnectionAdvice.advice(status.state());
        return text + " (since " + SINCE.format(status.since()) + ")" + (stale.isEmpty() ? "" : "; " + stale)
                + (advice.isEmpty() ? "" : "\n" + advice);
    }

    /// What is stale and since when, e.g. `inventory as of 12:03:05 (40 s ago), GPU telemetry as
    /// of 12:03:01 (44 s ago)`; empty when the cluster's data is current. What is shown is the
    /// last good state, kept: a stale GPU is never shown idle.
    static String staleness(ConnectionStatus status, Instant now) {
        StringBuilder text = new StringBuilder();
        if (status.inventoryAsOf() != null) {
            text.append("inventory as of ").append(asOf(status.inventoryAsOf(), now));
        }
        if (status.telemetryAsOf() != null) {
            text.append(text.isEmpty() ? "" : ", ").append("GPU telemetry as of ").append(asOf(status.telemetryAsOf(), now));
        }
        return text.toString();
    }

    private static String asOf(Instant then, Instant now) {
        return SINCE.format(then) + " (" + Ages.ago(then, now) + ")";
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /// Hides `problem`'s banner until its cluster changes state.
    public void dismiss(ClusterProblem problem) {
        dismissed.add(problem.cluster() + "\u0000" + problem.state());
        update(last, lastNow);
    }

    private static String key(String cluster, ConnectionStatus status) {
        return cluster + "\u0000" + status.state();
    }

    private static ClusterProblem problem(String cluster, ConnectionStatus status, boolean others) {
        String raw = status.message();
        String message = raw == null ? "" : raw.strip();
        StringBuilder description = new StringBuilder(message);
        if (!message.isEmpty() && !message.endsWith(".")) {
            description.append('.');
        }
        // Connectors' messages already say what to do; the generic advice stands in when none came.
        if (message.isEmpty()) {
            description.append(ConnectionAdvice.advice(status.state()));
        }
        if (others) {
            description.append(" The other clusters keep updating.");
        }
        String title = ConnectionAdvice.headline(cluster, status.state());
        return new ClusterProblem(cluster, status.state(), title, description.toString());
    }

    private static final int FAILING = Health.FAILING.ordinal();
    private static final int WARNING = Health.WARNING.ordinal();

    private static String summary(FleetSnapshot snapshot) {
        int total = 0;
        int failing = 0;
        int warning = 0;
        int silent = 0;
        // The nodes' columns, not their GPU records: a 100,000-GPU fleet is summed on the FX thread.
        for (ClusterSnapshot cluster : snapshot.clusters()) {
            for (NodeSnapshot node : cluster.nodes()) {
                GpuColumns gpus = node.gpuColumns();
                for (int gpu = 0; gpu < gpus.count(); gpu++) {
                    int health = gpus.healthOrdinal(gpu);
                    failing += health == FAILING ? 1 : 0;
                    warning += health == WARNING ? 1 : 0;
                    silent += gpus.sampledAtMillis(gpu) == GpuColumns.NEVER ? 1 : 0;
                }
                total += gpus.count();
            }
        }
        StringBuilder text = new StringBuilder().append(total).append(total == 1 ? " GPU" : " GPUs");
        if (failing > 0) {
            text.append(" · ").append(failing).append(" failing");
        }
        if (warning > 0) {
            text.append(" · ").append(warning).append(" warning");
        }
        if (silent > 0) {
            text.append(" · ").append(silent).append(" without telemetry");
        }
        return text.toString();
    }

    private static <T> void replace(ObservableList<T> list, List<T> rows) {
        if (!list.equals(rows)) {
            list.setAll(rows);
        }
    }

    public ObservableList<ClusterStatusItem> clusters() {
        return clustersView;
    }

    /// Clusters that need attention, for the error banner.
    public ObservableList<ClusterProblem> problems() {
        return problemsView;
    }

    /// e.g. `512 GPUs · 3 failing · 12 without telemetry`.
    public ReadOnlyStringProperty gpuSummaryProperty() {
        return gpuSummary.getReadOnlyProperty();
    }

    /// e.g. `updated 2 s ago`.
    public ReadOnlyStringProperty snapshotAgeProperty() {
        return snapshotAge.getReadOnlyProperty();
    }

    /// Whether the snapshot is older than 30 s (the store has stopped publishing).
    public ReadOnlyBooleanProperty snapshotOldProperty() {
        return snapshotOld.getReadOnlyProperty();
    }
}
