package dev.gpufleet.views.clusters;

import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.status.ConnectionAdvice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/// The clusters the console knows, whether each is connected, and its state from the newest
/// snapshot. Toggling an item's `connected` asks the [ClusterControl] to act.
///
/// Each row also carries a read-only switch and a production mark; the model answers
/// [ReadOnlyContexts] from them, so action UIs can ask it before offering to change a cluster.
public final class ClusterListViewModel implements ReadOnlyContexts {

    /// One row: the entry, whether the user wants it connected, and its state right now.
    public static final class Item {
        private final ClusterEntry entry;
        private final BooleanProperty connected = new SimpleBooleanProperty(this, "connected");
        private final ReadOnlyObjectWrapper<ConnectionState> state =
                new ReadOnlyObjectWrapper<>(this, "state", ConnectionState.DISCONNECTED);
        private final ReadOnlyObjectWrapper<String> message = new ReadOnlyObjectWrapper<>(this, "message", "");
        private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper(this, "banner", "");
        private final ReadOnlyObjectWrapper<@Nullable TelemetryChoice> telemetry =
                new ReadOnlyObjectWrapper<>(this, "telemetry");
        private final BooleanProperty readOnly = new SimpleBooleanProperty(this, "readOnly");
        private final BooleanProperty production = new SimpleBooleanProperty(this, "production");

        Item(ClusterEntry entry, boolean initiallyConnected, @Nullable TelemetryChoice telemetry) {
            this.entry = entry;
            this.connected.set(initiallyConnected);
            this.telemetry.set(telemetry);
        }

        public ClusterEntry entry() {
            return entry;
        }

        public BooleanProperty connectedProperty() {
            return connected;
        }

        public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
            return state.getReadOnlyProperty();
        }

        public ReadOnlyObjectProperty<String> messageProperty() {
            return message.getReadOnlyProperty();
        }

        /// The row's own banner: what is wrong and the connection's message, for a cluster that
        /// is degraded, unreachable or unauthorized; the progress while it connects or syncs;
        /// empty when live or disconnected.
        public ReadOnlyStringProperty bannerProperty() {
            return banner.getReadOnlyProperty();
        }

        /// Sets the banner first, then the message, then the state, so a listener to either of
        /// the last two reads a banner that matches.
        private void show(ConnectionState now, String text) {
            if (ConnectionAdvice.needsBanner(now)) {
                banner.set(ConnectionAdvice.headline(entry.name(), now) + (text.isEmpty() ? "" : ": " + text));
            } else if (now == ConnectionState.CONNECTING || now == ConnectionState.SYNCING) {
                banner.set(text.isEmpty() ? ConnectionAdvice.headline(entry.name(), now) : text);
            } else {
                banner.set("");
            }
            message.set(text);
            state.set(now);
        }

        /// Whether gpufleet may change this cluster; setting it asks the [ClusterControl] to
        /// remember the choice.
        public BooleanProperty readOnlyProperty() {
            return readOnly;
        }

        /// Whether destructive actions here need a typed confirmation; setting it asks the
        /// [ClusterControl] to remember the choice. Shown as a badge on the row.
        public BooleanProperty productionProperty() {
            return production;
        }

        /// The telemetry source; `null` where there is no choice (the demo fleet).
        public ReadOnlyObjectProperty<@Nullable TelemetryChoice> telemetryProperty() {
            return telemetry.getReadOnlyProperty();
        }
    }

    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final Map<String, Item> byName = new HashMap<>();
    private final ClusterControl control;
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper kubeconfigProblem = new ReadOnlyStringWrapper(this, "kubeconfigProblem", "");
    private @Nullable FleetSnapshot lastSnapshot;

    public ClusterListViewModel(List<ClusterEntry> entries, Set<String> connectedAtStart, ClusterControl control) {
        this.control = control;
        for (ClusterEntry entry : entries) {
            Item item = newItem(entry, connectedAtStart.contains(entry.name()));
            items.add(item);
            byName.put(entry.name(), item);
        }
    }

    private Item newItem(ClusterEntry entry, boolean connected) {
        Item item = new Item(entry, connected, control.telemetry(entry).orElse(null));
        item.connected.addListener((obs, was, now) -> {
            if (!byName.containsKey(entry.name())) {
                return;
            }
            if (now) {
                control.connect(entry);
            } else {
                control.disconnect(entry);
            }
        });
        item.readOnly.set(control.readOnly(entry));
        item.readOnly.addListener((obs, was, now) -> control.chooseReadOnly(entry, now)
                .ifPresentOrElse(problem::set, () -> problem.set("")));
        item.production.set(control.production(entry));
        item.production.addListener((obs, was, now) -> control.chooseProduction(entry, now)
                .ifPresentOrElse(problem::set, () -> problem.set("")));
        return item;
    }

    /// Makes the list show `entries`, in that order, after the kubeconfig changed: rows that
    /// stay keep their connection and switches (a row whose origin changed is shown with the new
    /// one), new rows come disconnected, rows that went are dropped. Connecting and
    /// disconnecting is the application's part; this only shows the list.
    public void showEntries(List<ClusterEntry> entries) {
        Map<String, Item> keep = new HashMap<>(byName);
        List<Item> next = new ArrayList<>(entries.size());
        byName.clear();
        for (ClusterEntry entry : entries) {
            Item old = keep.get(entry.name());
            Item item = old != null && old.entry.equals(entry) ? old : newItem(entry, old != null && old.connected.get());
            if (old != null && item != old) {
                item.readOnly.set(old.readOnly.get());
                item.production.set(old.production.get());
                item.show(old.state.get(), old.message.get());
            }
            next.add(item);
            byName.put(entry.name(), item);
        }
        items.setAll(next);
        if (lastSnapshot != null) {
            update(lastSnapshot);
        }
    }

    public ObservableList<Item> items() {
        return FXCollections.unmodifiableObservableList(items);
    }

    /// Brings every row's state up to the snapshot; rows absent from it are disconnected.
    public void update(FleetSnapshot snapshot) {
        lastSnapshot = snapshot;
        Map<String, ClusterSnapshot> clusters = new HashMap<>();
        snapshot.clusters().forEach(cluster -> clusters.put(cluster.name(), cluster));
        for (Item item : items) {
            ClusterSnapshot cluster = clusters.get(item.entry.name());
            if (cluster == null || !item.connected.get()) {
                item.show(ConnectionState.DISCONNECTED, "");
            } else {
                String text = cluster.connection().message();
                item.show(cluster.connection().state(), text == null ? "" : text);
            }
        }
    }

    /// Why the kubeconfig, as last edited, cannot be read (file, line, what to do); the list
    /// keeps the contexts it read before. Empty when it reads well.
    public ReadOnlyStringProperty kubeconfigProblemProperty() {
        return kubeconfigProblem.getReadOnlyProperty();
    }

    /// Shows (or, with an empty text, clears) a problem reading the edited kubeconfig.
    public void showKubeconfigProblem(String text) {
        kubeconfigProblem.set(text);
    }

    /// Why the last read-only choice could not be saved, for a line under the list; empty when it was.
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    @Override
    public boolean isReadOnly(String context) {
        Item item = byName.get(context);
        return item != null && item.readOnly.get();
    }

    /// Whether `context` is marked production in its row (false for a context not listed).
    public boolean isProduction(String context) {
        Item item = byName.get(context);
        return item != null && item.production.get();
    }

    public Item item(String name) {
        Item item = byName.get(name);
        if (item == null) {
            throw new IllegalArgumentException("no cluster entry named " + name);
        }
        return item;
    }

    /// A form to change the named cluster's telemetry source; empty where it has no choice.
    public Optional<TelemetryForm> telemetryForm(String name) {
        TelemetryChoice current = item(name).telemetry.get();
        return current == null ? Optional.empty() : Optional.of(new TelemetryForm(name, current));
    }

    /// Applies a form's choice: remembers it and reconnects the cluster if it is connected.
    /// Returns the problem to show, or empty; an invalid form changes nothing.
    public Optional<String> save(TelemetryForm form) {
        Optional<TelemetryChoice> choice = form.toChoice();
        if (choice.isEmpty()) {
            return Optional.of(form.problemsProperty().get());
        }
        Item item = item(form.cluster());
        Optional<String> problem = control.chooseTelemetry(item.entry, choice.get(), item.connected.get());
        if (problem.isEmpty()) {
            item.telemetry.set(choice.get());
        }
        return problem;
    }
}
