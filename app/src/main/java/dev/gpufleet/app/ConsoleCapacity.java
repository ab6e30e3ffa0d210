package dev.gpufleet.app;

import atlantafx.base.theme.Styles;
import dev.gpufleet.core.capacity.GpuPrices;
import dev.gpufleet.core.capacity.WasteLedger;
import dev.gpufleet.core.capacity.WasteSettings;
import dev.gpufleet.core.exec.TaskExecutor;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.views.FleetScreen;
import dev.gpufleet.views.capacity.CapacityView;
import dev.gpufleet.views.capacity.CapacityViewModel;
import dev.gpufleet.views.capacity.WorkloadGpus;
import dev.gpufleet.views.fx.ViewLifecycle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import javafx.util.Subscription;
import org.jspecify.annotations.Nullable;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The console's "Capacity" button and what stands behind it: a [WasteLedger] fed the
/// snapshots the session's store publishes while the console's screen is in a scene — on the
/// background executor, newest first, never on the store's writer thread (accounting 100k GPUs
/// takes a good part of a second, and the store publishes for everyone), and the capacity window, which reads the ledger's report off the FX thread.
/// Choosing a top waster there selects its GPUs in the heatmap.
final class ConsoleCapacity {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleCapacity.class);

    private final FleetScreen screen;
    private final TaskExecutor background;
    private final WasteLedger ledger;
    /// The newest snapshot not yet accounted; one that a newer one overtakes is skipped (its
    /// state is credited to the next one's time instead, as the ledger does between snapshots).
    private final AtomicReference<@Nullable FleetSnapshot> pending = new AtomicReference<>();
    private final AtomicBoolean accounting = new AtomicBoolean();
    private @Nullable Stage stage;
    private @Nullable CapacityView view;
    private Runnable onRebalance = () -> { };

    /// Counts while `screen` is in a scene; with `pricesFile` empty (tests, screenshots) the placeholder prices apply.
    ConsoleCapacity(FleetSession session, FleetScreen screen, TaskExecutor background, Optional<Path> pricesFile) {
        this.screen = screen;
        this.background = background;
        List<String> problems = new ArrayList<>();
        this.ledger = new WasteLedger(WasteSettings.defaults(), prices(pricesFile, problems::add));
        problems.forEach(ledger::note);
        ViewLifecycle.whileInScene(screen, () -> count(session.store()));
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

    /// The prices in `file` when it exists, else the placeholders; a file that cannot be read
    /// gives the placeholders and a line for people through `problems`.
    static GpuPrices prices(Optional<Path> file, Consumer<String> problems) {
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return GpuPrices.defaults();
        }
        try {
            return CapacitySettings.loadPrices(file.get());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("The GPU prices in {} could not be read", file.get(), e);
            problems.accept("The GPU prices in " + file.get() + " could not be read (" + e.getMessage()
                    + "), so the placeholder prices apply. Fix the file and reopen the console.");
            return GpuPrices.defaults();
        }
    }

    /// Feeds the ledger every snapshot the store publishes, until the result is unsubscribed.
    private Subscription count(FleetStore store) {
        AutoCloseable subscription = store.subscribe(this::offer);
        offer(store.current());
        return () -> {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("Could not stop feeding the capacity ledger", e);
            }
        };
    }

    private void offer(FleetSnapshot snapshot) {
        pending.set(snapshot);
        if (accounting.compareAndSet(false, true)) {
            background.execute(this::account);
        }
    }

    /// Accounts what is pending, one task at a time, so the ledger sees snapshots in order.
    private void account() {
        do {
            for (FleetSnapshot next = pending.getAndSet(null); next != null; next = pending.getAndSet(null)) {
                ledger.accept(next);
            }
            accounting.set(false);
        } while (pending.get() != null && accounting.compareAndSet(false, true));
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
        next.setOnRebalance(() -> onRebalance.run());
        next.setOnWasterSelected(workload ->
                screen.heatmap().selectOrdinals(WorkloadGpus.ordinals(screen.heatmap().getFrame(), workload), false));
        view = next;
        stage = CapacityView.openWindow(screen.getScene() == null ? null : screen.getScene().getWindow(), next);
        return stage;
    }

    /// What the capacity window's "Rebalance…" button does (opens the rebalance window).
    void setOnRebalance(Runnable action) {
        onRebalance = action;
    }

    /// The capacity view opened last, if any.
    Optional<CapacityView> view() {
        return Optional.ofNullable(view);
    }
}
