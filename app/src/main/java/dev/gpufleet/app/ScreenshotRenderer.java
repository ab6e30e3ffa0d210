package dev.gpufleet.app;

import dev.gpufleet.core.exec.CurrentThreadTaskExecutor;
import dev.gpufleet.views.Theme;
import dev.gpufleet.views.heatmap.GpuSelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import javafx.animation.AnimationTimer;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
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
                Stage stage = new Stage();
                stage.setScene(new Scene(window, width, height));
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
                Stage main = new Stage();
                main.setScene(new Scene(window, width, height));
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

    private static void write(WritableImage image, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out.toFile());
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
