package dev.gpufleet.app;

import dev.gpufleet.app.actions.ProductionContexts;
import dev.gpufleet.app.actions.SessionNodeOperations;
import dev.gpufleet.connectors.topology.ProbeOptions;
import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.core.exec.CurrentThreadTaskExecutor;
import dev.gpufleet.core.exec.VirtualThreadTaskExecutor;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.views.FleetViewModel;
import dev.gpufleet.views.Theme;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.node.NodeView;
import dev.gpufleet.views.rebalance.RebalanceView;
import dev.gpufleet.views.rebalance.RebalanceViewModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.animation.AnimationTimer;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Subscription;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/// Renders the console for a session into a PNG, as `gpufleet screenshot` and the README's
/// pictures do: a real window, a few pulses to lay out and draw, then a snapshot of the scene.
public final class ScreenshotRenderer {

    /// Pulses to wait before the snapshot: layout, CSS and the heatmap's first frame.
    private static final int SETTLE_PULSES = 6;

    private ScreenshotRenderer() {
    }

    /// Renders `plan`'s clusters (already connected in `session`) at `width`×`height` and
    /// writes the PNG; returns how many GPU cells the heatmap drew.
    public static CompletableFuture<Integer> render(FleetSession session, ConsolePlan plan, Theme theme,
            double width, double height, Path out) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        ConsoleLauncher.startToolkit(() -> {
            try {
                theme.applyToApplication();
                ConsoleWindow window = new ConsoleWindow(session, plan, new CurrentThreadTaskExecutor(),
                        Clock.systemUTC());
                // A picture of the fleet, not of whichever notification happened to be up.
                window.hideNotifications();
                Stage stage = new Stage();
                stage.setScene(consoleScene(window, width, height));
                stage.show();
                window.screen().viewModel().refreshNow();
                window.screen().viewModel().selectMostUrgent();
                afterPulses(SETTLE_PULSES, () -> capture(stage, window, out, done));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /// Renders the device view of the GPU `gpu` names (`NODE/INDEX`; `null`: the first MIG
    /// GPU) at `width`×`height` and writes the PNG; returns the GPU shown.
    public static CompletableFuture<GpuSelection> renderDevice(FleetSession session, ConsolePlan plan, Theme theme,
            double width, double height, @Nullable String gpu, Path out) {
        CompletableFuture<GpuSelection> done = new CompletableFuture<>();
        ConsoleLauncher.startToolkit(() -> {
            try {
                theme.applyToApplication();
                ConsoleWindow window = new ConsoleWindow(session, plan, new CurrentThreadTaskExecutor(),
                        Clock.systemUTC());
                // A picture of the fleet, not of whichever notification happened to be up.
                window.hideNotifications();
                Stage main = new Stage();
                main.setScene(consoleScene(window, width, height));
                main.show();
                window.screen().viewModel().refreshNow();
                GpuSelection target = DeviceTarget.find(window.screen().viewModel().snapshotProperty().get(), gpu);
                window.screen().selectGpu(target);
                Stage device = window.screen().openDeviceView().orElseThrow();
                device.setWidth(width);
                device.setHeight(height);
                afterPulses(SETTLE_PULSES, () -> {
                    try {
                        write(device.getScene().snapshot(null), out);
                        device.close();
                        main.close();
                        done.complete(target);
                    } catch (IOException | RuntimeException e) {
                        done.completeExceptionally(e);
                    }
                });
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /// Renders the node view of `node` (or, when null, of the most urgent GPU's node) and writes
    /// the PNG; with `probe`, first reads the node's topology with `nvidia-smi` through a pod on
    /// its cluster. Completes with the node's name.
    public static CompletableFuture<String> renderNode(FleetSession session, Theme theme, @Nullable String node,
            boolean probe, double width, double height, Path out) {
        CompletableFuture<String> done = new CompletableFuture<>();
        ConsoleLauncher.startToolkit(() -> {
            try {
                theme.applyToApplication();
                FleetViewModel fleet = new FleetViewModel(session.store()::current, Clock.systemUTC());
                fleet.refreshNow();
                GpuSelection target = nodeTarget(fleet, node);
                NodeWindows windows = new NodeWindows(fleet.snapshotProperty(),
                        new SessionTopologySource(session, ProbeOptions.defaults()),
                        new VirtualThreadTaskExecutor("screenshot-probe"));
                NodeView view = windows.view(target);
                Stage stage = new Stage();
                stage.setScene(new Scene(view, width, height));
                stage.show();
                if (probe) {
                    view.viewModel().probe();
                }
                whenIdle(view, () -> afterPulses(SETTLE_PULSES, () -> captureStage(stage, target.node(), out, done)));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /// Renders the rebalance screen with a plan for `cluster` (the first connected one when
    /// null) and writes the PNG; completes with the cluster and the number of moves shown.
    /// Plans only: nothing is applied.
    public static CompletableFuture<String> renderRebalance(FleetSession session, Theme theme,
            @Nullable String cluster, double width, double height, Path out) {
        CompletableFuture<String> done = new CompletableFuture<>();
        ConsoleLauncher.startToolkit(() -> {
            try {
                theme.applyToApplication();
                SessionNodeOperations operations = new SessionNodeOperations(session,
                        new AuditLog(PlatformPaths.auditLog()), ProductionContexts::byName);
                RebalanceViewModel model = new RebalanceViewModel(session.store()::current, operations, operations,
                        new VirtualThreadTaskExecutor("screenshot-rebalance"), Platform::runLater);
                if (cluster != null) {
                    if (!model.contexts().contains(cluster)) {
                        throw new IllegalArgumentException("no connected cluster named " + cluster);
                    }
                    model.contextProperty().set(cluster);
                }
                RebalanceView view = new RebalanceView(model);
                Stage stage = new Stage();
                Scene scene = new Scene(view, width, height);
                scene.getStylesheets().add(ConsoleWindow.STYLESHEET);
                stage.setScene(scene);
                stage.show();
                Subscription[] once = new Subscription[1];
                once[0] = model.phaseProperty().subscribe(phase -> {
                    if (phase == RebalanceViewModel.Phase.PLANNED || phase == RebalanceViewModel.Phase.FAILED) {
                        once[0].unsubscribe();
                        afterPulses(SETTLE_PULSES, () -> captureStage(stage, model.contextProperty().get() + ", "
                                + model.rows().size() + " moves planned", out, done));
                    }
                });
                model.plan();
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private static GpuSelection nodeTarget(FleetViewModel fleet, @Nullable String node) {
        FleetSnapshot snapshot = fleet.snapshotProperty().get();
        for (ClusterSnapshot cluster : snapshot.clusters()) {
            for (NodeSnapshot candidate : cluster.nodes()) {
                if (candidate.name().equals(node)) {
                    return new GpuSelection(cluster.name(), candidate.name(), 0, null);
                }
            }
        }
        if (node != null) {
            throw new IllegalArgumentException("no node named " + node + " in the connected clusters");
        }
        return fleet.selectMostUrgent().or(() -> snapshot.clusters().stream()
                .flatMap(c -> c.nodes().stream().map(n -> new GpuSelection(c.name(), n.name(), 0, null)))
                .findFirst()).orElseThrow(() -> new IllegalArgumentException("the connected clusters have no nodes"));
    }

    private static void whenIdle(NodeView view, Runnable action) {
        if (!view.viewModel().probingProperty().get()) {
            action.run();
            return;
        }
        Subscription[] once = new Subscription[1];
        once[0] = view.viewModel().probingProperty().subscribe(busy -> {
            if (!busy && once[0] != null) {
                once[0].unsubscribe();
                action.run();
            }
        });
    }

    private static void captureStage(Stage stage, String shown, Path out, CompletableFuture<String> done) {
        try {
            write(stage.getScene().snapshot(null), out);
            stage.close();
            done.complete(shown);
        } catch (IOException | RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private static void write(WritableImage image, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
    }

    /// The console's scene as the launcher makes it (its scene-wide stylesheet included).
    private static Scene consoleScene(ConsoleWindow window, double width, double height) {
        Scene scene = new Scene(window, width, height);
        scene.getStylesheets().add(ConsoleWindow.STYLESHEET);
        return scene;
    }

    private static void afterPulses(int pulses, Runnable action) {
        new AnimationTimer() {
            private int seen;

            @Override
            public void handle(long now) {
                if (++seen >= pulses) {
                    stop();
                    action.run();
                }
            }
        }.start();
    }

    private static void capture(Stage stage, ConsoleWindow window, Path out, CompletableFuture<Integer> done) {
        try {
            WritableImage image = stage.getScene().snapshot(null);
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
            int cells = window.screen().viewModel().snapshotProperty().get().gpuCount();
            stage.close();
            done.complete(cells);
        } catch (IOException | RuntimeException e) {
            done.completeExceptionally(e);
        }
    }
}
