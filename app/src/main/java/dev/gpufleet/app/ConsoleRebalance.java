package dev.gpufleet.app;

import atlantafx.base.theme.Styles;
import dev.gpufleet.app.actions.SessionNodeOperations;
import dev.gpufleet.core.exec.TaskExecutor;
import dev.gpufleet.views.FleetScreen;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.rebalance.RebalanceView;
import dev.gpufleet.views.rebalance.RebalanceViewModel;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/// The console's "Rebalance" button (on the toolbar, and in the capacity window) and the
/// rebalance window behind it: plans on the session's newest snapshot, and applies through the
/// same audited operations as the drain ([SessionNodeOperations]). It opens on the cluster of the
/// GPU selected in the heatmap, if any.
final class ConsoleRebalance {

    private final FleetSession session;
    private final FleetScreen screen;
    private final SessionNodeOperations operations;
    private final TaskExecutor background;
    private @Nullable Stage stage;
    private @Nullable RebalanceView view;

    ConsoleRebalance(FleetSession session, FleetScreen screen, SessionNodeOperations operations,
            TaskExecutor background) {
        this.session = session;
        this.screen = screen;
        this.operations = operations;
        this.background = background;
        // Like "Capacity", the button shows its icon, named by its tooltip.
        Button open = new Button(null, new FontIcon(MaterialDesignS.SCALE_BALANCE));
        open.getStyleClass().add(Styles.BUTTON_ICON);
        open.setAccessibleText("Rebalance");
        open.setId("open-rebalance");
        open.setTooltip(new Tooltip("Rebalance: plan pod moves that free whole nodes for pending jobs, empty degraded"
                + " nodes or cool hot ones; compare the allocation before and after; apply through eviction"));
        open.setOnAction(event -> open());
        screen.addToolbarItem(open);
    }

    /// Opens the rebalance window, or brings it forward; returns it.
    Stage open() {
        Stage shown = stage;
        if (shown != null && shown.isShowing()) {
            shown.toFront();
            return shown;
        }
        RebalanceViewModel model = new RebalanceViewModel(session.store()::current, operations, operations, background,
                Platform::runLater);
        GpuSelection selected = screen.heatmap().getSelectedGpu();
        if (selected != null && model.contexts().contains(selected.cluster())) {
            model.contextProperty().set(selected.cluster());
        }
        RebalanceView next = new RebalanceView(model);
        view = next;
        stage = RebalanceView.openWindow(screen.getScene() == null ? null : screen.getScene().getWindow(), next);
        return stage;
    }

    /// The rebalance view opened last, if any.
    Optional<RebalanceView> view() {
        return Optional.ofNullable(view);
    }
}
