package dev.gpufleet.app;

import dev.gpufleet.core.capacity.GpuPrices;
import dev.gpufleet.core.capacity.WasteLedger;
import dev.gpufleet.core.capacity.WasteSettings;
import dev.gpufleet.core.exec.TaskExecutor;
import dev.gpufleet.views.FleetScreen;
import dev.gpufleet.views.capacity.CapacityView;
import dev.gpufleet.views.capacity.CapacityViewModel;
import dev.gpufleet.views.capacity.WorkloadGpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import atlantafx.base.theme.Styles;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The console's "Capacity" button and what stands behind it: a [WasteLedger] fed every
/// snapshot the session's store publishes from the moment the console opens (on the store's
/// writer thread), and the capacity window, which reads the ledger's report off the FX thread.
/// Choosing a top waster there selects its GPUs in the heatmap.
final class ConsoleCapacity {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleCapacity.class);

    private final FleetScreen screen;
    private final TaskExecutor background;
    private final WasteLedger ledger;
    private @Nullable Stage stage;
    private @Nullable CapacityView view;

    /// Starts counting now; with `pricesFile` empty (tests, screenshots) the placeholder prices apply.
    ConsoleCapacity(FleetSession session, FleetScreen screen, TaskExecutor background, Optional<Path> pricesFile) {
        this.screen = screen;
        this.background = background;
        GpuPrices prices = GpuPrices.defaults();
        String problem = null;
        if (pricesFile.isPresent() && Files.isRegularFile(pricesFile.get())) {
            try {
                prices = CapacitySettings.loadPrices(pricesFile.get());
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("The GPU prices in {} could not be read", pricesFile.get(), e);
                problem = "The GPU prices in " + pricesFile.get() + " could not be read (" + e.getMessage()
                        + "), so the placeholder prices apply. Fix the file and reopen the console.";
            }
        }
        this.ledger = new WasteLedger(WasteSettings.defaults(), prices);
        if (problem != null) {
            ledger.note(problem);
        }
        session.store().subscribe(ledger::accept);
        ledger.accept(session.store().current());
        // The toolbar is crowded: like "Audit log", the button shows its icon, named by its tooltip.
        Button open = new Button(null, new FontIcon(MaterialDesignC.CHART_AREASPLINE));
        open.getStyleClass().add(Styles.BUTTON_ICON);
        open.setAccessibleText("Capacity");
        open.setId("open-capacity");
        open.setTooltip(new Tooltip("Capacity: where the GPU-hours went since the console opened: used, idle, stranded; "
                + "what the idle ones cost; the top wasters and the pods waiting for GPUs"));
        open.setOnAction(event -> open());
        screen.addToolbarItem(open);
    }

    /// Opens the capacity window, or brings it forward; returns it.
    Stage open() {
        Stage shown = stage;
        if (shown != null && shown.isShowing()) {
            shown.toFront();
            return shown;
        }
        CapacityView next = new CapacityView(new CapacityViewModel(ledger::report, background::execute,
                Platform::runLater));
        next.setOnWasterSelected(workload ->
                screen.heatmap().selectOrdinals(WorkloadGpus.ordinals(screen.heatmap().getFrame(), workload), false));
        view = next;
        stage = CapacityView.openWindow(screen.getScene() == null ? null : screen.getScene().getWindow(), next);
        return stage;
    }

    /// The capacity view opened last, if any.
    Optional<CapacityView> view() {
        return Optional.ofNullable(view);
    }
}
