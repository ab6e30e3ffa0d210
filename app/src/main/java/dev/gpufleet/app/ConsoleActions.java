package dev.gpufleet.app;

import dev.gpufleet.core.actions.NodeOperations;
import dev.gpufleet.core.drain.DrainOptions.GpuScope;
import dev.gpufleet.core.exec.TaskExecutor;
import dev.gpufleet.views.FleetScreen;
import dev.gpufleet.views.actions.DrainDialog;
import dev.gpufleet.views.actions.DrainDialogViewModel;
import dev.gpufleet.views.actions.DrainScopes;
import dev.gpufleet.views.actions.LabelDialog;
import dev.gpufleet.views.actions.LabelDialogViewModel;
import dev.gpufleet.views.actions.NodeActionsMenu;
import dev.gpufleet.views.actions.NodeActionsViewModel;
import dev.gpufleet.views.actions.NodeActionsViewModel.DrainRequest;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;

/// Puts the "Actions" menu (cordon, taint, label, drain) on the fleet screen's toolbar, aimed at
/// the heatmap's selection, and opens the label and drain dialogs from it.
final class ConsoleActions {

    private final FleetScreen screen;
    private final NodeOperations operations;
    private final TaskExecutor background;
    private final NodeActionsViewModel model;
    private Optional<DrainDialog> lastDrain = Optional.empty();
    private Optional<DrainDialogViewModel> lastDrainModel = Optional.empty();
    private Optional<LabelDialog> lastLabel = Optional.empty();

    ConsoleActions(FleetScreen screen, NodeOperations operations, TaskExecutor background) {
        this.screen = screen;
        this.operations = operations;
        this.background = background;
        this.model = new NodeActionsViewModel(operations, background, Platform::runLater);
        screen.heatmap().selectionProperty().subscribe(selection ->
                model.setSelection(screen.heatmap().getSelectedGpu(), selection));
        screen.heatmap().selectedGpuProperty().subscribe(gpu ->
                model.setSelection(gpu, screen.heatmap().getSelection()));
        screen.addToolbarItem(new NodeActionsMenu(model, this::openDrain, this::openLabel));
    }

    NodeActionsViewModel model() {
        return model;
    }

    /// The drain dialog opened last, if any.
    Optional<DrainDialog> lastDrain() {
        return lastDrain;
    }

    /// The drain dialog opened last's model, if any.
    Optional<DrainDialogViewModel> lastDrainModel() {
        return lastDrainModel;
    }

    /// The label dialog opened last, if any.
    Optional<LabelDialog> lastLabel() {
        return lastLabel;
    }

    private void openLabel(LabelDialogViewModel labels) {
        LabelDialog dialog = new LabelDialog(screen.getScene() == null ? null : screen.getScene().getWindow(), labels);
        lastLabel = Optional.of(dialog);
        dialog.show();
    }

    private void openDrain(DrainRequest request) {
        String context = request.target().context();
        String node = request.target().node();
        List<GpuScope> scopes = DrainScopes.of(screen.viewModel().snapshotProperty().get(), context, node);
        DrainDialogViewModel drain = new DrainDialogViewModel(operations, context, node, scopes,
                DrainScopes.initial(scopes, request.gpu()), background, Platform::runLater);
        lastDrainModel = Optional.of(drain);
        lastDrain = Optional.of(DrainDialog.open(screen.getScene() == null ? null : screen.getScene().getWindow(), drain));
    }
}
