package dev.gpufleet.views.actions;

import dev.gpufleet.views.actions.NodeActionsViewModel.DrainRequest;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/// The toolbar's "Actions" menu over a [NodeActionsViewModel]: cordon, uncordon, taint with
/// `nvidia.com/gpu.health=unhealthy:NoSchedule` (and remove it) for the selected node or every
/// node of the heatmap's multi-selection, "Label…" (a [LabelDialog]) and "Drain…" for one node.
/// An item the user may not use is disabled and says why in its text. On a production context
/// a change that needs it asks for the typed confirmation first. Results (and errors, with
/// what they mean) open in an alert. Permissions are asked again when the menu opens.
public final class NodeActionsMenu extends MenuButton {

    /// `openDrain` opens the drain dialog for the request, `openLabel` the [LabelDialog] for its model.
    public NodeActionsMenu(NodeActionsViewModel model, Consumer<DrainRequest> openDrain,
            Consumer<LabelDialogViewModel> openLabel) {
        super("Actions", new FontIcon(MaterialDesignW.WRENCH_OUTLINE));
        setId("node-actions");
        setTooltip(new Tooltip("Cordon, taint, label or drain the selected node (or every node of the multi-selection)"));
        for (NodeAction action : NodeAction.values()) {
            if (action == NodeAction.DRAIN) {
                getItems().add(new SeparatorMenuItem());
            }
            getItems().add(item(model, action, openDrain, openLabel));
        }
        setOnShowing(event -> model.refreshPermissions(false));
        model.outcomeProperty().subscribe(outcome -> {
            if (outcome != null) {
                show(outcome);
            }
        });
    }

    private MenuItem item(NodeActionsViewModel model, NodeAction action, Consumer<DrainRequest> openDrain,
            Consumer<LabelDialogViewModel> openLabel) {
        MenuItem item = new MenuItem(action.label());
        item.setId("node-action-" + action.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        model.stateProperty(action).subscribe(state -> {
            item.setDisable(!state.enabled());
            item.setText(state.enabled() ? action.label() + targets(model) : action.label() + " — " + state.reason());
        });
        model.targetsProperty().subscribe(targets -> {
            ActionState state = model.stateProperty(action).get();
            item.setText(state.enabled() ? action.label() + targets(model) : action.label() + " — " + state.reason());
        });
        item.setOnAction(event -> {
            switch (action) {
                case DRAIN -> model.drainRequest().ifPresent(openDrain);
                case LABEL -> openLabel.accept(new LabelDialogViewModel(model));
                default -> runConfirmed(model, action);
            }
        });
        return item;
    }

    /// Runs `action`, first asking for the typed confirmation where a production context needs it.
    private void runConfirmed(NodeActionsViewModel model, NodeAction action) {
        if (model.confirmationFor(action).isEmpty()) {
            model.run(action);
            return;
        }
        TextInputDialog ask = new TextInputDialog();
        if (getScene() != null && getScene().getWindow() != null) {
            ask.initOwner(getScene().getWindow());
        }
        ask.setTitle("Confirm");
        ask.setHeaderText(action.label() + targets(model));
        ask.setContentText(model.confirmationPrompt(action).orElse(""));
        ask.getEditor().setId("node-action-confirm");
        ask.showAndWait().ifPresent(typed -> model.run(action, typed));
    }

    private static String targets(NodeActionsViewModel model) {
        List<NodeTarget> targets = model.targetsProperty().get();
        return targets.size() == 1 ? " " + targets.getFirst().node() : " " + targets.size() + " nodes";
    }

    private void show(ActionOutcome outcome) {
        Alert alert = new Alert(outcome.failed() ? Alert.AlertType.ERROR : Alert.AlertType.INFORMATION);
        if (getScene() != null && getScene().getWindow() != null) {
            alert.initOwner(getScene().getWindow());
        }
        alert.setTitle("Actions");
        alert.setHeaderText(outcome.title());
        alert.setContentText(String.join("\n", outcome.lines()));
        alert.getDialogPane().getStyleClass().add("node-action-outcome");
        alert.getDialogPane().setMinWidth(560);
        alert.show();
    }
}
