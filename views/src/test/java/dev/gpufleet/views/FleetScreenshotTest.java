package dev.gpufleet.views;

import static dev.gpufleet.views.FxTesting.await;
import static dev.gpufleet.views.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.heatmap.GpuSelection;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.robot.Motion;

/// Renders the fleet screen to PNGs under `target/screenshots/` (dark, light, and a screen
/// capture with the tooltip open) so people can look at what the tests drove.
@ExtendWith(ApplicationExtension.class)
class FleetScreenshotTest {

    private static final Path OUT = Path.of("target", "screenshots");

    private FleetViewModel model;
    private FleetScreen screen;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        FleetSnapshot fleet = TestFleets.demo(7, 0);
        model = new FleetViewModel(() -> fleet, Clock.fixed(TestFleets.T0.plusSeconds(2), ZoneOffset.UTC));
        screen = new FleetScreen(model);
        stage.setScene(new Scene(screen, 1280, 800));
        stage.setX(0);
        stage.setY(0);
        stage.show();
    }

    @Test
    void rendersDarkAndLightScreens() throws IOException {
        await("cells laid out", () -> screen.heatmap().getHeatmapLayout() != null);
        onFx(() -> {
            model.refreshNow();
            return model.selectMostUrgent();
        });
        await("details shown", () -> model.details().presentProperty().get());

        Path dark = save("fleet-dark.png");
        onFx(() -> {
            model.selectTheme(Theme.LIGHT);
            return null;
        });
        Path light = save("fleet-light.png");
        onFx(() -> {
            model.selectTheme(Theme.DARK);
            model.selectMetric(dev.gpufleet.views.heatmap.HeatmapMetric.TEMPERATURE);
            return null;
        });
        save("fleet-temperature.png");

        assertThat(ImageIO.read(dark.toFile()).getWidth()).isEqualTo(1280);
        assertThat(ImageIO.read(light.toFile()).getRGB(5, 200)).isNotEqualTo(ImageIO.read(dark.toFile()).getRGB(5, 200));
    }

    @Test
    void capturesTheTooltip(FxRobot robot) throws IOException {
        await("cells laid out", () -> screen.heatmap().getHeatmapLayout() != null);
        GpuSelection failing = new GpuSelection("prod-east", TestFleets.nodeName("prod-east", 6), 1, null);
        Point2D point = onFx(() -> {
            int ordinal = screen.heatmap().getFrame().ordinalOf(failing);
            return screen.heatmap().localToScreen(screen.heatmap().revealCell(ordinal).orElseThrow());
        });
        robot.moveTo(point, Motion.DIRECT);
        await("tooltip open", () -> javafx.stage.Window.getWindows().stream()
                .anyMatch(w -> w instanceof javafx.scene.control.Tooltip && w.isShowing()));
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(10);

        Rectangle2D area = onFx(() -> new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
        javafx.scene.image.Image capture = robot.capture(area).getImage();
        Files.createDirectories(OUT);
        Path file = OUT.resolve("fleet-tooltip.png");
        ImageIO.write(SwingFXUtils.fromFXImage(capture, null), "png", file.toFile());

        assertThat(Files.size(file)).isPositive();
    }

    @Test
    void rendersWithoutAShowingWindow() throws IOException {
        FleetSnapshot fleet = TestFleets.demo(3, 0);
        WritableImage image = onFx(() -> {
            FleetViewModel headless = new FleetViewModel(() -> fleet,
                    Clock.fixed(TestFleets.T0.plusSeconds(2), ZoneOffset.UTC));
            FleetScreen offscreen = new FleetScreen(headless);
            new Scene(offscreen, 1280, 800);
            headless.refreshNow();
            offscreen.selectCell(9);
            WritableImage rendered = offscreen.renderToImage(1280, 800);
            assertThat(headless.isRunning()).as("no pulses without a window").isFalse();
            return rendered;
        });
        Files.createDirectories(OUT);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", OUT.resolve("fleet-headless.png").toFile());

        long coloured = 0;
        for (int y = 200; y < 600; y += 4) {
            for (int x = 10; x < 800; x += 4) {
                int argb = image.getPixelReader().getArgb(x, y);
                int r = argb >> 16 & 0xFF;
                int g = argb >> 8 & 0xFF;
                coloured += Math.abs(r - g) > 40 ? 1 : 0;
            }
        }
        assertThat(coloured).as("heatmap cells drawn").isGreaterThan(500);
    }

    private Path save(String name) throws IOException {
        WritableImage image = onFx(() -> {
            screen.applyCss();
            screen.layout();
            return stage.getScene().snapshot(null);
        });
        BufferedImage buffered = SwingFXUtils.fromFXImage(image, null);
        Files.createDirectories(OUT);
        Path file = OUT.resolve(name);
        ImageIO.write(buffered, "png", file.toFile());
        return file;
    }
}
