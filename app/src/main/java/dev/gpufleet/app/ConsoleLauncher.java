package dev.gpufleet.app;

import dev.gpufleet.app.cli.UserError;
import dev.gpufleet.app.soak.SoakPlan;
import dev.gpufleet.app.soak.SoakProbe;
import dev.gpufleet.app.soak.SoakReport;
import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.core.exec.VirtualThreadTaskExecutor;
import dev.gpufleet.sim.cluster.ChurnRate;
import dev.gpufleet.views.Theme;
import dev.gpufleet.views.heatmap.FleetHeatmap;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Opens the console window and blocks until it is closed.
///
/// Starts the JavaFX toolkit itself (`Platform.startup`) rather than through an `Application`
/// subclass, so the console is wired by constructor and launches from the class path.
public final class ConsoleLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleLauncher.class);

    static final double WIDTH = 1480;
    static final double HEIGHT = 920;

    private ConsoleLauncher() {
    }

    public static int run(ConsolePlan plan) {
        return run(plan, null);
    }

    /// Opens the console, the demo fleet churning as `churn` says unless it is null.
    public static int run(ConsolePlan plan, @Nullable ChurnRate churn) {
        try (FleetSession session = newSession(plan, churn)) {
            open(session, plan, () -> { }, stage -> { });
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            Platform.exit();
        }
    }

    /// Runs the console for a soak ([SoakProbe]) and closes it when the soak is over.
    ///
    /// @throws UserError when the window was closed before the end or a sample failed
    public static SoakReport soak(ConsolePlan plan, @Nullable ChurnRate churn, SoakPlan soakPlan) {
        try (FleetSession session = newSession(plan, churn)) {
            SoakProbe probe = new SoakProbe(soakPlan, session.store()::current,
                    () -> session.demoChurnStats().map(Object::toString).orElse(""));
            AtomicReference<SoakReport> report = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            open(session, plan, probe::startPulses, stage -> {
                FleetHeatmap heatmap = ((ConsoleWindow) stage.getScene().getRoot()).screen().heatmap();
                probe.attach(stage.getScene(), heatmap);
                onceCellsShow(heatmap, () -> probe.run().whenComplete((done, failed) -> {
                    report.set(done);
                    failure.set(failed);
                    Platform.runLater(stage::hide);
                }));
            });
            probe.close();
            if (failure.get() != null) {
                LOG.error("A soak sample failed", failure.get());
                throw new UserError("the soak could not take a sample: " + failure.get()
                        + ". Run again with GPUFLEET_LOG=debug and report the output.", 70);
            }
            if (report.get() == null) {
                throw new UserError("the console was closed before the soak's " + soakPlan.duration()
                        + " were over; no verdict.");
            }
            return report.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("the soak was interrupted", 130);
        } finally {
            Platform.exit();
        }
    }

    private static FleetSession newSession(ConsolePlan plan, @Nullable ChurnRate churn) {
        FleetSession session = new FleetSession(FleetSession.persistentStore(FleetSession.defaultHistoryRoot()),
                plan.kubeconfig(), FleetSession.demoConfig(), ConnectionOptions.defaults());
        if (churn != null) {
            session.churnTheDemo(churn);
        }
        return session;
    }

    // Shows the console and waits until its window is closed; `beforeBuild` and `opened` run on
    // the FX thread, before the console is built and once its stage shows.
    private static void open(FleetSession session, ConsolePlan plan, Runnable beforeBuild, Consumer<Stage> opened)
            throws InterruptedException {
        TriageSettings.applySaved(session.store(), TriageSettings.defaultFile()).ifPresent(LOG::warn);
        LocalMachineFeed.probe(session.store(), Clock.systemUTC()).ifPresent(session::useLocalMachine);
        ConsolePlan shown = session.localMachineEntry().map(plan::withLocalMachine).orElse(plan);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        startToolkit(() -> {
            try {
                beforeBuild.run();
                Stage stage = showConsole(session, shown, Clock.systemUTC());
                stage.setOnHidden(event -> closed.countDown());
                opened.accept(stage);
            } catch (RuntimeException | LinkageError e) {
                // Without a window nobody could close it: end instead of waiting forever.
                failure.set(e);
                closed.countDown();
            }
        });
        closed.await();
        if (failure.get() != null) {
            LOG.error("The console window could not be built", failure.get());
            throw new UserError("the console window could not open: " + failure.get()
                    + ". Run again with GPUFLEET_LOG=debug and report the output.", 70);
        }
    }

    // Runs `action` once the heatmap first shows cells (the fleet has loaded).
    private static void onceCellsShow(FleetHeatmap heatmap, Runnable action) {
        if (heatmap.cellCount() > 0) {
            action.run();
            return;
        }
        heatmap.frameProperty().addListener(new InvalidationListener() {
            @Override
            public void invalidated(Observable observable) {
                if (heatmap.cellCount() > 0) {
                    heatmap.frameProperty().removeListener(this);
                    action.run();
                }
            }
        });
    }

    /// Builds the console in a new stage and shows it; call on the FX thread.
    static Stage showConsole(FleetSession session, ConsolePlan plan, Clock clock) {
        Theme.DARK.applyToApplication();
        ConsoleWindow window = new ConsoleWindow(session, plan, new VirtualThreadTaskExecutor("gpufleet-ui-task"), clock,
                ContextSettings.load(PlatformDirectories.config()));
        // A big fleet's frames are built off the FX thread (screenshots keep building them at once).
        window.screen().heatmap().buildFramesOn(work -> Thread.ofVirtual().name("gpufleet-heatmap-frame").start(work),
                Platform::runLater, FleetHeatmap.BACKGROUND_FROM_GPUS);
        Stage stage = new Stage();
        stage.setTitle("gpufleet");
        Scene scene = new Scene(window, WIDTH, HEIGHT);
        scene.getStylesheets().add(ConsoleWindow.STYLESHEET);
        stage.setScene(scene);
        var icon = ConsoleLauncher.class.getResourceAsStream("gpufleet-icon.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        stage.show();
        return stage;
    }

    /// Starts the toolkit and runs `firstStep` on the FX thread; explains a missing display.
    static void startToolkit(Runnable firstStep) {
        Platform.setImplicitExit(false);
        try {
            Platform.startup(firstStep);
        } catch (IllegalStateException alreadyRunning) {
            Platform.runLater(firstStep);
        } catch (RuntimeException | UnsatisfiedLinkError noDisplay) {
            throw new UserError("cannot open a window: " + noDisplay.getMessage()
                    + ". gpufleet needs a graphical display (on Linux, GTK 3: apt-get install libgtk-3-0);"
                    + " on a headless machine run it under xvfb-run.");
        }
    }
}
