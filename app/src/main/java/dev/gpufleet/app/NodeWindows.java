package dev.gpufleet.app;

import dev.gpufleet.core.exec.TaskExecutor;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.topology.TopologySource;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.node.NodeView;
import dev.gpufleet.views.node.NodeViewModel;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Subscription;
import org.jspecify.annotations.Nullable;

/// Opens a node's view in a window of its own, fed with that node's part of each new fleet
/// snapshot until the window closes.
final class NodeWindows {

    static final double WIDTH = 1100;
    static final double HEIGHT = 860;

    private final ObservableValue<FleetSnapshot> snapshots;
    private final @Nullable TopologySource source;
    private final TaskExecutor background;

    NodeWindows(ObservableValue<FleetSnapshot> snapshots, @Nullable TopologySource source, TaskExecutor background) {
        this.snapshots = snapshots;
        this.source = source;
        this.background = background;
    }

    /// A view of the node `selection` names, updated from the snapshots; not yet in a window.
    NodeView view(GpuSelection selection) {
        NodeViewModel model = new NodeViewModel(selection.cluster(), selection.node(), source, background,
                Platform::runLater);
        node(snapshots.getValue(), selection).ifPresent(model::update);
        return new NodeView(model);
    }

    /// Opens the node's view in a new window owned by `owner`. Call on the FX thread.
    Stage open(GpuSelection selection, @Nullable Window owner) {
        NodeView view = view(selection);
        Subscription updates = snapshots.subscribe(snapshot ->
                node(snapshot, selection).ifPresent(view.viewModel()::update));
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("gpufleet — " + selection.cluster() + " / " + selection.node());
        stage.setScene(new Scene(view, WIDTH, HEIGHT));
        stage.setOnHidden(event -> updates.unsubscribe());
        stage.show();
        return stage;
    }

    static Optional<NodeSnapshot> node(@Nullable FleetSnapshot snapshot, GpuSelection selection) {
        if (snapshot == null) {
            return Optional.empty();
        }
        return snapshot.cluster(selection.cluster()).flatMap((ClusterSnapshot c) -> c.node(selection.node()));
    }
}
