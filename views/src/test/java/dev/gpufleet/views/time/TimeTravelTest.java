package dev.gpufleet.views.time;

import static org.assertj.core.api.Assertions.assertThat;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.FleetScreen;
import dev.gpufleet.views.FleetViewModel;
import dev.gpufleet.views.TestFleets;
import dev.gpufleet.views.export.ViewExport;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.heatmap.HeatmapFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/// The time views in a real window: scrub the history and the heatmap replays it, go live
/// again, and open the GPU × time heatmap of what the search shows.
@ExtendWith(ApplicationExtension.class)
class TimeTravelTest {

    private static final FleetSnapshot LIVE = TestFleets.simple(3, 2, 4);

    private FleetViewModel model;
    private FleetScreen screen;

    @Start
    void start(Stage stage) {
        model = new FleetViewModel(() -> LIVE, Clock.fixed(LIVE.time().plusSeconds(2), ZoneOffset.UTC));
        model.useHistory(new RecordedHistory(LIVE, 60), Runnable::run);
        screen = new FleetScreen(model);
        stage.setScene(new Scene(screen, 1240, 820));
        stage.show();
    }

    private static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private double shownUtilization(int node, int index) {
        return onFx(() -> {
            HeatmapFrame frame = screen.heatmap().getFrame();
            return frame.value(frame.ordinalOf(new GpuSelection("c1", TestFleets.nodeName("c1", node), index, null)));
        });
    }

    @Test
    void draggingTheScrubberReplaysTheHeatmapAndLiveComesBack(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> screen.heatmap().cellCount() == 8));
        double liveValue = shownUtilization(1, 2);
        Slider slider = robot.lookup("#time-slider").queryAs(Slider.class);

        robot.drag(slider).moveBy(-2000, 0).release(javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(model.isReplaying()).isTrue();
        assertThat(model.snapshotProperty().get().time()).isEqualTo(LIVE.time().minus(Duration.ofSeconds(590)));
        assertThat(shownUtilization(1, 2)).isEqualTo(RecordedHistory.utilization(0, 2));
        assertThat(robot.lookup("#time-position").queryLabeled().getText()).startsWith("Replaying");

        robot.clickOn("#time-live");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(model.isReplaying()).isFalse();
        assertThat(shownUtilization(1, 2)).isEqualTo(liveValue);
        assertThat(robot.lookup("#time-position").queryLabeled().getText()).isEqualTo("Live");
    }

    @Test
    void theGpuByTimeWindowShowsEveryGpuTheSearchShows(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> screen.heatmap().cellCount() == 8));

        robot.clickOn("#open-time");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> timeView() != null));

        GpuTimeView view = onFx(TimeTravelTest::timeView);
        assertThat(view.model().rows()).hasSize(8);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> view.stripLayout().rows() == 8));
        // The newest bucket of the first GPU (node 0, GPU 0) holds tick 59's reading.
        int x = view.stripLayout().width() - 1;
        String said = onFx(() -> view.describeAt(x, 0));
        assertThat(said).contains(TestFleets.nodeName("c1", 0) + " GPU 0").endsWith(" · 90 %");
        // Export: the picture and the numbers behind it.
        Path png = Files.createTempFile("gpu-x-time", ".png");
        onFx(() -> {
            ViewExport.writePng(view, png);
            return null;
        });
        assertThat(ImageIO.read(png.toFile()).getWidth()).isPositive();
        assertThat(view.model().csvHeader()).hasSize(3 + GpuTimeModel.COLUMNS);
        assertThat(view.model().csvRows()).hasSize(8).first().satisfies(row -> assertThat(row.getLast()).isEqualTo("90.00"));
        Files.deleteIfExists(png);
        onFx(() -> {
            view.getScene().getWindow().hide();
            return null;
        });
    }

    private static GpuTimeView timeView() {
        for (Window window : Window.getWindows()) {
            if (window.isShowing() && window.getScene() != null && window.getScene().getRoot() instanceof GpuTimeView view) {
                return view;
            }
        }
        return null;
    }

}
