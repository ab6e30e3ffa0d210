package dev.gpufleet.views;

import static dev.gpufleet.views.FxTesting.await;
import static dev.gpufleet.views.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.heatmap.FleetHeatmap;
import dev.gpufleet.views.heatmap.HeatmapLayout;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.robot.Motion;

/// Zoom, search, grouping and multi-selection of the fleet screen's heatmap, by the robot.
@ExtendWith(ApplicationExtension.class)
class HeatmapInteractionTest {

    private final AtomicReference<FleetSnapshot> store = new AtomicReference<>(TestFleets.demo(1, 0));
    private FleetViewModel model;
    private FleetScreen screen;

    @Start
    void start(Stage stage) {
        model = new FleetViewModel(store::get, Clock.fixed(TestFleets.T0.plusSeconds(2), ZoneOffset.UTC));
        screen = new FleetScreen(model);
        stage.setScene(new Scene(screen, 1240, 820));
        stage.show();
    }

    private FleetHeatmap heatmap() {
        return screen.heatmap();
    }

    private void awaitCells(int count) {
        await(count + " cells laid out", () -> {
            HeatmapLayout layout = heatmap().getHeatmapLayout();
            return layout != null && layout.cellCount() == count && heatmap().cellCount() == count;
        });
    }

    private Point2D onScreen(int ordinal) {
        return onFx(() -> {
            Point2D local = heatmap().revealCell(ordinal).orElseThrow();
            heatmap().layout();
            return heatmap().localToScreen(local);
        });
    }

    private int cellSize() {
        return onFx(() -> heatmap().getGeometry().cellSize());
    }

    @Test
    void keysWheelAndButtonsZoomAndTheCellsStillMapBack(FxRobot robot) {
        awaitCells(512);
        robot.clickOn(onScreen(20), Motion.DIRECT);

        robot.type(KeyCode.ADD);
        await("zoomed in by a key", () -> heatmap().getGeometry().cellSize() == 18);
        robot.press(KeyCode.CONTROL).scroll(2, VerticalDirection.DOWN).release(KeyCode.CONTROL);
        await("zoomed out by Ctrl+wheel", () -> heatmap().getGeometry().cellSize() < 18);
        robot.clickOn("#zoom-reset");
        await("reset", () -> heatmap().getGeometry().cellSize() == 14);
        robot.clickOn("#zoom-out").clickOn("#zoom-out").clickOn("#zoom-out");
        await("zoomed out by buttons", () -> heatmap().getGeometry().cellSize() == 6);

        int ordinal = 300;
        robot.clickOn(onScreen(ordinal), Motion.DIRECT);
        await("a click at 6 px hits its cell", () -> heatmap().getSelectedOrdinal() == ordinal);
        assertThat(cellSize()).isEqualTo(6);
    }

    @Test
    void searchingFiltersAndAMistakeIsShownWithItsColumn(FxRobot robot) {
        awaitCells(512);

        robot.clickOn("#heatmap-search").write("prod-gpu-00* health>=warning");
        awaitCells(2);

        // Pasted at once: typed letter by letter, " health" would be read (as a node name) first.
        robot.interact(() -> ((TextField) screen.lookup("#heatmap-search"))
                .appendText(" health:bad"));
        await("the mistake is shown", () -> {
            Node error = screen.lookup("#search-error");
            return error.isVisible() && ((Label) error).getText().contains("column 37")
                    && ((Label) error).getText().contains("unknown health 'bad'");
        });
        assertThat(onFx(() -> heatmap().cellCount())).as("the last good filter stays").isEqualTo(2);

        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).type(KeyCode.BACK_SPACE);
        awaitCells(512);
        await("the mistake is gone", () -> !screen.lookup("#search-error").isVisible());
    }

    @Test
    void groupingByAPoolLabelShowsGroupHeaders(FxRobot robot) {
        awaitCells(512);

        robot.clickOn("#group-by .arrow-button").clickOn("karpenter.sh/nodepool");

        await("grouped", () -> heatmap().getFrame().topology().groupName(0).equals("prod-east › h100-spot"));
        await("a header says so", () -> screen.lookupAll(".cluster-name").stream()
                .anyMatch(n -> n.isVisible() && "prod-east › h100-spot".equals(((Label) n).getText())));
    }

    @Test
    void ctrlShiftClicksBandAndCtrlABuildAMultiSelection(FxRobot robot) {
        awaitCells(512);
        robot.clickOn(onScreen(10), Motion.DIRECT);
        await("one selected", () -> heatmap().getSelection().size() == 1);

        robot.press(KeyCode.CONTROL).clickOn(onScreen(12), Motion.DIRECT).release(KeyCode.CONTROL);
        await("two selected", () -> heatmap().getSelection().size() == 2);

        robot.press(KeyCode.SHIFT).clickOn(onScreen(17), Motion.DIRECT).release(KeyCode.SHIFT);
        await("range 12..17 from the last click", () -> heatmap().getSelection().size() == 6
                && heatmap().getSelection().contains(12) && heatmap().getSelection().contains(17));

        Point2D from = onScreen(64).add(-4, -4);
        Point2D to = onScreen(67).add(4, 4);
        robot.moveTo(from, Motion.DIRECT).press(KeyCode.SHIFT).press(MouseButton.PRIMARY)
                .moveTo(to, Motion.DIRECT).release(MouseButton.PRIMARY).release(KeyCode.SHIFT);
        await("the band's four cells", () -> heatmap().getSelection().ordinals().boxed().toList()
                .equals(List.of(64, 65, 66, 67)));

        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        await("everything shown", () -> heatmap().getSelection().size() == 512);
        await("the toolbar counts them", () -> "512 GPUs selected".equals(
                ((Label) screen.lookup("#selection-count")).getText()));
        assertThat(onFx(() -> heatmap().getSelection().gpus().getFirst().cluster())).isEqualTo("prod-east");
    }

    @Test
    void draggingPansTheView(FxRobot robot) {
        awaitCells(512);
        onFx(() -> {
            heatmap().zoomTo(48);
            return null;
        });
        await("zoomed", () -> heatmap().getHeatmapLayout() != null
                && heatmap().getHeatmapLayout().geometry().cellSize() == 48);
        int before = onFx(() -> heatmap().getSelectedOrdinal());
        Point2D centre = onFx(() -> heatmap().localToScreen(heatmap().getWidth() / 2, heatmap().getHeight() / 2));
        int topBefore = onFx(this::scrollTop);

        robot.drag(centre, MouseButton.PRIMARY).moveBy(0, -300).release(MouseButton.PRIMARY);

        await("the content moved up", () -> scrollTop() > topBefore);
        assertThat(onFx(() -> heatmap().getSelectedOrdinal())).as("a drag selects nothing").isEqualTo(before);
    }

    /// The vertical scroll position of the heatmap's own scroll bar.
    private int scrollTop() {
        ScrollBar bar = (ScrollBar) heatmap().lookupAll(".scroll-bar").stream()
                .filter(n -> ((ScrollBar) n).getOrientation() == Orientation.VERTICAL).findFirst().orElseThrow();
        return (int) bar.getValue();
    }
}
