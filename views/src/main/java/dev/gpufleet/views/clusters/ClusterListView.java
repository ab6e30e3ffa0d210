package dev.gpufleet.views.clusters;

import dev.gpufleet.core.store.ConnectionState;
import java.util.Locale;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jspecify.annotations.Nullable;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;

/// The sidebar listing clusters with a connect checkbox and a state dot each, and for each
/// kubeconfig context a gear button that opens the [TelemetryDialog]. A lock button per row
/// marks the cluster read-only (see [ReadOnlyContexts]). A `PROD` badge shows a cluster marked
/// production; the row's context menu switches read-only and production.
public final class ClusterListView extends VBox {

    public ClusterListView(ClusterListViewModel model) {
        getStyleClass().add("cluster-list");
        getStylesheets().add(ClusterListView.class.getResource("cluster-list.css").toExternalForm());
        Label title = new Label("Clusters");
        title.getStyleClass().add("cluster-list-title");
        ListView<ClusterListViewModel.Item> list = new ListView<>(model.items());
        list.setCellFactory(view -> new ItemCell(model));
        list.setFocusTraversable(false);
        VBox.setVgrow(list, Priority.ALWAYS);
        Label kubeconfigProblem = new Label();
        kubeconfigProblem.setId("cluster-list-kubeconfig-problem");
        kubeconfigProblem.setWrapText(true);
        kubeconfigProblem.getStyleClass().addAll("danger", "cluster-kubeconfig-problem");
        kubeconfigProblem.textProperty().bind(model.kubeconfigProblemProperty());
        kubeconfigProblem.visibleProperty().bind(model.kubeconfigProblemProperty().isNotEmpty());
        kubeconfigProblem.managedProperty().bind(kubeconfigProblem.visibleProperty());
        Label problem = new Label();
        problem.setId("cluster-list-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add("danger");
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        getChildren().addAll(title, kubeconfigProblem, list, problem);
    }

    /// A row: checkbox (connected), name over origin, state dot with the message as tooltip.
    private static final class ItemCell extends ListCell<ClusterListViewModel.Item> {
        private final CheckBox toggle = new CheckBox();
        private final Label name = new Label();
        private final Label origin = new Label();
        private final Label banner = new Label();
        private final Region dot = new Region();
        private final Tooltip tip = new Tooltip();
        private final Button gear = new Button("\u2699");
        private final ToggleButton lock = new ToggleButton();
        private final Label productionBadge = new Label("PROD");
        private final CheckMenuItem readOnlyItem = new CheckMenuItem("Read-only (gpufleet changes nothing)");
        private final CheckMenuItem productionItem = new CheckMenuItem("Production (type the node's name to confirm)");
        private final ClusterListViewModel model;
        private final HBox row;
        private ClusterListViewModel.Item bound;
        private final ChangeListener<ConnectionState> stateListener =
                (obs, was, now) -> showState(now, bound == null ? "" : bound.messageProperty().get());
        private final ChangeListener<String> messageListener =
                (obs, was, now) -> showState(bound == null ? ConnectionState.DISCONNECTED : bound.stateProperty().get(), now);

        private final ChangeListener<@Nullable TelemetryChoice> telemetryListener = (obs, was, now) -> showTelemetry(now);

        ItemCell(ClusterListViewModel model) {
            this.model = model;
            origin.getStyleClass().add("cluster-origin");
            dot.getStyleClass().add("cluster-state-dot");
            gear.getStyleClass().addAll("cluster-telemetry-button", "flat");
            gear.setFocusTraversable(false);
            gear.setOnAction(event -> openTelemetryDialog());
            lock.getStyleClass().addAll("cluster-read-only-button", "flat");
            lock.setFocusTraversable(false);
            lock.selectedProperty().subscribe(this::showLock);
            productionBadge.getStyleClass().add("cluster-production-badge");
            productionBadge.managedProperty().bind(productionBadge.visibleProperty());
            productionBadge.setTooltip(new Tooltip("Production: drains, labels and changes to many nodes need the"
                    + " node's name (or the node count) typed to confirm"));
            readOnlyItem.setId("cluster-menu-read-only");
            productionItem.setId("cluster-menu-production");
            banner.getStyleClass().add("cluster-banner");
            banner.managedProperty().bind(banner.visibleProperty());
            VBox text = new VBox(name, origin, banner);
            text.setMinWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            row = new HBox(6, toggle, text, productionBadge, lock, gear, dot);
            row.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(ClusterListViewModel.Item item, boolean empty) {
            super.updateItem(item, empty);
            if (bound != null) {
                toggle.selectedProperty().unbindBidirectional(bound.connectedProperty());
                lock.selectedProperty().unbindBidirectional(bound.readOnlyProperty());
                readOnlyItem.selectedProperty().unbindBidirectional(bound.readOnlyProperty());
                productionItem.selectedProperty().unbindBidirectional(bound.productionProperty());
                productionBadge.visibleProperty().unbind();
                bound.stateProperty().removeListener(stateListener);
                bound.messageProperty().removeListener(messageListener);
                bound.telemetryProperty().removeListener(telemetryListener);
                bound = null;
            }
            if (empty || item == null) {
                setGraphic(null);
                setTooltip(null);
                setContextMenu(null);
                return;
            }
            bound = item;
            toggle.selectedProperty().bindBidirectional(item.connectedProperty());
            lock.selectedProperty().bindBidirectional(item.readOnlyProperty());
            lock.setId("read-only-" + item.entry().name());
            readOnlyItem.selectedProperty().bindBidirectional(item.readOnlyProperty());
            productionItem.selectedProperty().bindBidirectional(item.productionProperty());
            productionBadge.visibleProperty().bind(item.productionProperty());
            productionBadge.setId("production-" + item.entry().name());
            setContextMenu(new ContextMenu(readOnlyItem, productionItem));
            name.setText(item.entry().name());
            origin.setText(item.entry().origin());
            showState(item.stateProperty().get(), item.messageProperty().get());
            item.stateProperty().addListener(stateListener);
            item.messageProperty().addListener(messageListener);
            showTelemetry(item.telemetryProperty().get());
            item.telemetryProperty().addListener(telemetryListener);
            setGraphic(row);
            setTooltip(tip);
        }

        private void showTelemetry(@Nullable TelemetryChoice choice) {
            boolean choosable = choice != null;
            gear.setVisible(choosable);
            gear.setManaged(choosable);
            gear.setId(bound == null ? null : "telemetry-" + bound.entry().name());
            gear.setTooltip(choosable ? new Tooltip("Telemetry: " + choice.describe() + " — click to change") : null);
        }

        private void showLock(boolean readOnly) {
            lock.setGraphic(new FontIcon(readOnly ? MaterialDesignL.LOCK : MaterialDesignL.LOCK_OPEN_OUTLINE));
            lock.setTooltip(new Tooltip(readOnly ? "Read-only: gpufleet changes nothing here (no cordon, no drain)"
                    + " — click to allow changes" : "Changes allowed — click to make this cluster read-only"));
        }

        private void openTelemetryDialog() {
            if (bound == null) {
                return;
            }
            model.telemetryForm(bound.entry().name()).ifPresent(form ->
                    new TelemetryDialog(getScene() == null ? null : getScene().getWindow(), form, model::save).show());
        }

        private void showState(ConnectionState state, String message) {
            dot.getStyleClass().removeIf(style -> style.startsWith("state-"));
            dot.getStyleClass().add("state-" + state.name().toLowerCase(Locale.ROOT));
            tip.setText(state + (message.isEmpty() ? "" : " — " + message));
            String text = bound == null ? "" : bound.bannerProperty().get();
            banner.setText(text);
            banner.setId(bound == null ? null : "cluster-banner-" + bound.entry().name());
            banner.setVisible(!text.isEmpty());
            banner.getStyleClass().removeIf(style -> style.startsWith("state-"));
            banner.getStyleClass().add("state-" + state.name().toLowerCase(Locale.ROOT));
        }
    }
}
