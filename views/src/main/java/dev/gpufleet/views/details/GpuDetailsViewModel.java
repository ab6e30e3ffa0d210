package dev.gpufleet.views.details;

import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.views.details.DetailRows.Field;
import dev.gpufleet.views.details.DetailRows.MetricRow;
import dev.gpufleet.views.details.DetailRows.MigRow;
import dev.gpufleet.views.details.DetailRows.PodRow;
import dev.gpufleet.views.heatmap.GpuSelection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/// What the details panel shows for the selected GPU: its node, identity, health and why,
/// every metric, MIG instances and pods. Knows no `Node`; [#show] is called with each new
/// snapshot or selection and replaces only what changed, so tables keep their scroll position.
public final class GpuDetailsViewModel {

    private final ReadOnlyBooleanWrapper present = new ReadOnlyBooleanWrapper(this, "present", false);
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper(this, "heading", "No GPU selected");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message",
            "Click a cell of the heatmap to see its GPU here.");
    private final ReadOnlyObjectWrapper<Health> health = new ReadOnlyObjectWrapper<>(this, "health", Health.UNKNOWN);
    private final ReadOnlyStringWrapper healthReason = new ReadOnlyStringWrapper(this, "healthReason", "");
    private final ObservableList<Field> nodeFields = FXCollections.observableArrayList();
    private final ObservableList<Field> nodeFieldsView = FXCollections.unmodifiableObservableList(nodeFields);
    private final ObservableList<Field> gpuFields = FXCollections.observableArrayList();
    private final ObservableList<Field> gpuFieldsView = FXCollections.unmodifiableObservableList(gpuFields);
    private final ObservableList<MetricRow> metrics = FXCollections.observableArrayList();
    private final ObservableList<MetricRow> metricsView = FXCollections.unmodifiableObservableList(metrics);
    private final ObservableList<MigRow> mig = FXCollections.observableArrayList();
    private final ObservableList<MigRow> migView = FXCollections.unmodifiableObservableList(mig);
    private final ObservableList<PodRow> gpuPods = FXCollections.observableArrayList();
    private final ObservableList<PodRow> gpuPodsView = FXCollections.unmodifiableObservableList(gpuPods);
    private final ObservableList<PodRow> nodeGpuPods = FXCollections.observableArrayList();
    private final ObservableList<PodRow> nodeGpuPodsView = FXCollections.unmodifiableObservableList(nodeGpuPods);
    private final Function<String, Duration> staleAfter;

    /// Readings older than `staleAfter` show as stale, whatever their cluster.
    public GpuDetailsViewModel(Duration staleAfter) {
        this(cluster -> staleAfter);
    }

    /// Readings show as stale when older than `staleAfter` gives for their cluster.
    public GpuDetailsViewModel(Function<String, Duration> staleAfter) {
        this.staleAfter = staleAfter;
    }

    /// Shows `selection` as `snapshot` has it at `now`; a `null` selection clears the panel.
    public void show(FleetSnapshot snapshot, @Nullable GpuSelection selection, Instant now) {
        if (selection == null) {
            clear("No GPU selected", "Click a cell of the heatmap to see its GPU here.");
            return;
        }
        Optional<ClusterSnapshot> cluster = snapshot.cluster(selection.cluster());
        Optional<NodeSnapshot> node = cluster.flatMap(c -> c.node(selection.node()));
        Optional<GpuSnapshot> gpu = node.flatMap(n -> n.gpus().stream().filter(g -> g.index() == selection.index())
                .findFirst());
        if (gpu.isEmpty()) {
            clear(selection.node() + " · GPU " + selection.index(), "This GPU is not in the latest snapshot of "
                    + selection.cluster() + " — the node may have been removed, or the cluster is still syncing.");
            return;
        }
        showGpu(selection.cluster(), node.orElseThrow(), gpu.orElseThrow(), now);
    }

    private void showGpu(String cluster, NodeSnapshot node, GpuSnapshot gpu, Instant now) {
        present.set(true);
        heading.set(node.name() + " · GPU " + gpu.index());
        message.set("");
        health.set(gpu.health());
        healthReason.set(String.join("\n", HealthReasons.explain(gpu, node)));
        replace(nodeFields, DetailRowBuilder.nodeFields(cluster, node));
        replace(gpuFields, DetailRowBuilder.gpuFields(gpu, node, now, staleAfter.apply(cluster)));
        replace(metrics, DetailRowBuilder.metrics(gpu));
        replace(mig, DetailRowBuilder.mig(gpu));
        replace(gpuPods, DetailRowBuilder.gpuPods(gpu, node));
        replace(nodeGpuPods, DetailRowBuilder.nodeGpuPods(node));
    }

    private void clear(String title, String why) {
        present.set(false);
        heading.set(title);
        message.set(why);
        health.set(Health.UNKNOWN);
        healthReason.set("");
        for (ObservableList<?> list : List.of(nodeFields, gpuFields, metrics, mig, gpuPods, nodeGpuPods)) {
            list.clear();
        }
    }

    private static <T> void replace(ObservableList<T> list, List<T> rows) {
        if (!list.equals(rows)) {
            list.setAll(rows);
        }
    }

    /// Whether a GPU is shown (false: nothing selected, or it vanished from the fleet).
    public ReadOnlyBooleanProperty presentProperty() {
        return present.getReadOnlyProperty();
    }

    /// `node · GPU n`, or what the panel is waiting for.
    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    /// Why nothing is shown, for people; empty when a GPU is shown.
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Health> healthProperty() {
        return health.getReadOnlyProperty();
    }

    /// One line per reason for the health verdict.
    public ReadOnlyStringProperty healthReasonProperty() {
        return healthReason.getReadOnlyProperty();
    }

    public ObservableList<Field> nodeFields() {
        return nodeFieldsView;
    }

    public ObservableList<Field> gpuFields() {
        return gpuFieldsView;
    }

    public ObservableList<MetricRow> metrics() {
        return metricsView;
    }

    public ObservableList<MigRow> migInstances() {
        return migView;
    }

    public ObservableList<PodRow> gpuPods() {
        return gpuPodsView;
    }

    public ObservableList<PodRow> nodeGpuPods() {
        return nodeGpuPodsView;
    }
}
