package dev.gpufleet.views.device;

import static dev.gpufleet.views.FxTesting.await;
import static dev.gpufleet.views.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.FleetScreen;
import dev.gpufleet.views.FleetViewModel;
import dev.gpufleet.views.TestFleets;
import dev.gpufleet.views.heatmap.GpuSelection;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.event.Event;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.robot.Motion;

/// The device view in a real window: open the MIG GPU's cell, see its instances drawn.
@ExtendWith(ApplicationExtension.class)
class DeviceViewTest {

    private static final GpuSelection MIG_GPU =
            new GpuSelection("prod-east", TestFleets.nodeName("prod-east", 6), 1, null);

    private final AtomicReference<FleetSnapshot> store = new AtomicReference<>(TestFleets.demo(1, 0));
    private FleetScreen screen;

    @Start
    void start(Stage stage) {
        FleetViewModel model = new FleetViewModel(store::get, Clock.fixed(TestFleets.T0.plusSeconds(2), ZoneOffset.UTC));
        screen = new FleetScreen(model);
        stage.setScene(new Scene(screen, 1240, 820));
        stage.show();
    }

    @AfterEach
    void closeDeviceWindows() {
        onFx(() -> {
            Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getScene().getRoot() instanceof DeviceScreen)
                    .toList().forEach(Window::hide);
            return null;
        });
    }

    private DeviceScreen deviceScreen() {
        return onFx(() -> Window.getWindows().stream()
                .filter(w -> w.isShowing() && w.getScene().getRoot() instanceof DeviceScreen)
                .map(w -> (DeviceScreen) w.getScene().getRoot()).findFirst().orElse(null));
    }

    @Test
    void openingAMigCellShowsItsInstancesDrawn(FxRobot robot) {
        await("the heatmap shows the fleet", () -> screen.heatmap().getHeatmapLayout() != null
                && screen.heatmap().getHeatmapLayout().cellCount() == 512);
        Point2D cell = onFx(() -> {
            int ordinal = screen.heatmap().getFrame().ordinalOf(MIG_GPU);
            Point2D local = screen.heatmap().revealCell(ordinal).orElseThrow();
            screen.heatmap().layout();
            return screen.heatmap().localToScreen(local);
        });
        // The robot's two clicks come slower than Xvfb's double-click time, so: click, then Enter.
        robot.clickOn(cell, Motion.DIRECT, MouseButton.PRIMARY);
        await("the clicked GPU is selected", () -> MIG_GPU.sameGpu(screen.viewModel().selectedGpuProperty().get()));
        robot.type(KeyCode.ENTER);
        await("the double-clicked GPU is selected", () -> MIG_GPU.sameGpu(screen.viewModel().selectedGpuProperty().get()));
        await("the device view opens", () -> deviceScreen() != null);
        DeviceScreen device = deviceScreen();
        DeviceView view = device.view();
        await("the device view is laid out", () -> view.geometryProperty().get() != null);

        DevicePicture picture = onFx(() -> view.pictureProperty().get());
        assertThat(picture.kind()).isEqualTo(DevicePicture.Kind.MIG);
        assertThat(picture.title()).startsWith(MIG_GPU.node() + " · GPU 1");
        assertThat(picture.blocks()).extracting(DeviceBlock::title)
                .containsExactly("GI 1 · 1g.10gb", "GI 2 · 1g.10gb", "GI 3 · 3g.40gb");

        DeviceBlock threeG = picture.blocks().get(2);
        Point2D centre = onFx(() -> {
            DeviceGeometry g = view.geometryProperty().get();
            double x = (g.sliceX(threeG.memoryStart()) + g.sliceX(threeG.memoryStart() + 1)) / 2.0 / g.scale();
            double y = (g.memoryY() + g.sliceHeight() - 4) / g.scale();
            return new Point2D(x, y);
        });
        assertThat(onFx(() -> view.drawnPixelAt(centre.getX(), centre.getY())))
                .as("the 3g instance's memory slice is drawn in its utilization colour").isEqualTo(threeG.argb());
        assertThat(onFx(() -> ((javafx.scene.control.Label) device.lookup("#device-title")).getText()))
                .isEqualTo(picture.title());

        robot.clickOn(onFx(() -> view.localToScreen(centre)), Motion.DIRECT);
        await("the clicked instance is selected", () -> view.selectedBlockProperty().get() == 2);
        assertThat(onFx(() -> device.viewModel().engineSubjectProperty().get())).isEqualTo("GI 3 · 3g.40gb");
        assertThat(onFx(() -> view.lookupAll(".section-caption").stream()
                .anyMatch(node -> ((javafx.scene.control.Label) node).getText().startsWith("Engines of GI 3 · 3g.40gb"))))
                .isTrue();

        Point2D newestGraphics = onFx(() -> {
            DeviceGeometry g = view.geometryProperty().get();
            int last = g.columns() - 1;
            return view.localToScreen((g.cellX(last) + g.cellWidth(last) / 2.0) / g.scale(),
                    (g.cellY(0) + g.rowHeight() / 2.0) / g.scale());
        });
        robot.moveTo(newestGraphics, Motion.DIRECT);
        await("hovering the newest graphics-engine cell", () -> view.hoveredCellProperty().get()
                == view.geometryProperty().get().columns() - 1);
        assertThat(onFx(() -> view.lookupAll(".readout").stream()
                .map(node -> ((javafx.scene.control.Label) node).getText()).filter(t -> t.startsWith("Graphics engine"))
                .findFirst().orElse(""))).as("the 3g instance's own graphics engine").endsWith("60 %");
    }

    @Test
    void aDoubleClickOpensTheSelectedGpuAndANewSnapshotUpdatesIt() {
        await("the heatmap shows the fleet", () -> screen.heatmap().getHeatmapLayout() != null);
        onFx(() -> {
            screen.selectGpu(MIG_GPU);
            Event.fireEvent(screen.heatmap(), new MouseEvent(MouseEvent.MOUSE_CLICKED, 5, 5, 5, 5,
                    MouseButton.PRIMARY, 2, false, false, false, false, true, false, false, true, false, false, null));
            return null;
        });
        await("the device view opens", () -> deviceScreen() != null);
        DeviceViewModel model = deviceScreen().viewModel();
        assertThat(MIG_GPU.sameGpu(onFx(() -> model.gpuProperty().get()))).isTrue();
        store.set(TestFleets.simple(9, 1, 1));
        await("the device view notices the GPU left", () -> model.pictureProperty().get().kind()
                == DevicePicture.Kind.NONE);
    }
}
