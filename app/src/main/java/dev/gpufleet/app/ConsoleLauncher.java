package dev.gpufleet.app;

import dev.gpufleet.app.cli.UserError;
import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.core.exec.VirtualThreadTaskExecutor;
import dev.gpufleet.views.Theme;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;
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
        try (FleetSession session = new FleetSession(FleetSession.persistentStore(FleetSession.defaultHistoryRoot()),
                plan.kubeconfig(), FleetSession.demoConfig(),
                ConnectionOptions.defaults())) {
            TriageSettings.applySaved(session.store(), TriageSettings.defaultFile()).ifPresent(LOG::warn);
            LocalMachineFeed.probe(session.store(), Clock.systemUTC()).ifPresent(session::useLocalMachine);
            ConsolePlan shown = session.localMachineEntry().map(plan::withLocalMachine).orElse(plan);
            CountDownLatch closed = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            startToolkit(() -> {
                try {
                    Stage stage = showConsole(session, shown, Clock.systemUTC());
                    stage.setOnHidden(event -> closed.countDown());
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
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            Platform.exit();
        }
    }

    /// Builds the console in a new stage and shows it; call on the FX thread.
    static Stage showConsole(FleetSession session, ConsolePlan plan, Clock clock) {
        Theme.DARK.applyToApplication();
        ConsoleWindow window = new ConsoleWindow(session, plan, new VirtualThreadTaskExecutor("gpufleet-ui-task"), clock,
                ContextSettings.load(PlatformDirectories.config()));
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
