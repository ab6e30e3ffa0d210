package dev.gpufleet.views;

import static dev.gpufleet.views.FxTesting.await;
import static dev.gpufleet.views.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.heatmap.FleetHeatmap;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.heatmap.HeatmapLayout;
import dev.gpufleet.views.heatmap.HeatmapMetric;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.robot.Motion;

/// The fleet screen in a real window, driven by the robot: 512 cells, hover, click, keys, metric.
@ExtendWith(ApplicationExtension.class)
class FleetScreenTest {

    private static final GpuSelection TARGET =
            new GpuSelection("prod-east", TestFleets.nodeName("prod-east", 9), 4, null);

    private final AtomicReference<FleetSnapshot> store = new AtomicReference<>(TestFleets.demo(1, 0));
    private FleetViewModel model;
    private FleetScreen screen;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new FleetViewModel(store::get, Clock.fixed(TestFleets.T0.plusSeconds(2), ZoneOffset.UTC));
        screen = new FleetScreen(model);
        stage.setScene(new Scene(screen, 1240, 820));
        stage.show();
    }

    private FleetHeatmap heatmap() {
        return screen.heatmap();
    }

    private int ordinal(GpuSelection selection) {
        return onFx(() -> heatmap().getFrame().ordinalOf(selection));
    }

    private Point2D onScreen(int ordinal) {
        return onFx(() -> {
            Optional<Point2D> local = heatmap().revealCell(ordinal);
            heatmap().layout();
            return heatmap().localToScreen(local.orElseThrow());
        });
    }

    private void awaitCells() {
        await("the heatmap shows the fleet", () -> {
            HeatmapLayout layout = heatmap().getHeatmapLayout();
            return layout != null && layout.cellCount() == 512;
        });
    }

    @Test
    void showsOneCellPerGpu() {
        awaitCells();

        assertThat(onFx(() -> heatmap().cellCount())).isEqualTo(512);
        assertThat(model.isRunning()).isTrue();
    }

    @Test
    void hoveringACellShowsATooltipNamingItsGpu(FxRobot robot) {
        awaitCells();
        String uuid = TestFleets.uuid(TARGET.node(), TARGET.index());

        robot.moveTo(onScreen(ordinal(TARGET)), Motion.DIRECT);

        await("a tooltip names " + TARGET, () -> visibleTooltipText().contains(TARGET.node() + " · GPU 4"));
        assertThat(onFx(this::visibleTooltipText)).contains("UUID: " + uuid, "Cluster: prod-east");
    }

    @Test
    void clickingACellSelectsItAndShowsItsDetails(FxRobot robot) {
        awaitCells();
        String uuid = TestFleets.uuid(TARGET.node(), TARGET.index());

        robot.clickOn(onScreen(ordinal(TARGET)), Motion.DIRECT);

        await("the GPU is selected", () -> TARGET.sameGpu(model.selectedGpuProperty().get()));
        await("the details show its node and UUID", () -> hasLabel(TARGET.node()) && hasLabel(uuid));
        assertThat(onFx(() -> heatmap().getSelectedGpu())).isEqualTo(new GpuSelection(TARGET.cluster(),
                TARGET.node(), TARGET.index(), uuid));
    }

    @Test
    void arrowKeysMoveTheSelection(FxRobot robot) {
        awaitCells();
        int start = ordinal(TARGET);
        robot.clickOn(onScreen(start), Motion.DIRECT);
        await("selected", () -> heatmap().getSelectedOrdinal() == start);

        robot.type(KeyCode.RIGHT);

        await("moved right", () -> heatmap().getSelectedOrdinal() == start + 1);
        assertThat(onFx(() -> model.selectedGpuProperty().get().index())).isEqualTo(TARGET.index() + 1);
    }

    @Test
    void switchingTheMetricRepaints(FxRobot robot) {
        awaitCells();
        int ordinal = ordinal(TARGET);
        Point2D point = onScreen(ordinal);
        int before = onFx(() -> pixelOf(ordinal));
        assertThat(before).isEqualTo(HeatmapMetric.UTILIZATION.scale().argb(onFx(() -> heatmap().getFrame().value(ordinal))));

        robot.clickOn("#metric-picker").clickOn("Temperature");

        await("the heatmap shows temperature", () -> heatmap().getMetric() == HeatmapMetric.TEMPERATURE);
        int expected = HeatmapMetric.TEMPERATURE.scale().argb(onFx(() -> heatmap().getFrame().value(ordinal)));
        await("the cell is repainted", () -> pixelOf(ordinal) == expected);
        assertThat(expected).isNotEqualTo(before);
        assertThat(point).isNotNull();
    }

    @Test
    void newSnapshotsKeepTheSelection() {
        awaitCells();
        onFx(() -> {
            model.select(TARGET);
            return null;
        });
        await("selected in the heatmap", () -> heatmap().getSelectedOrdinal() >= 0);

        store.set(TestFleets.demo(2, 30));

        await("the new version is shown", () -> heatmap().getSnapshot().version() == 2);
        assertThat(onFx(() -> heatmap().getSelectedGpu())).matches(TARGET::sameGpu);
        assertThat(onFx(() -> model.details().headingProperty().get())).isEqualTo(TARGET.node() + " · GPU 4");
    }

    @Test
    void theTimerRunsOnlyWhileTheScreenIsShown() {
        awaitCells();
        assertThat(onFx(model::isRunning)).isTrue();

        onFx(() -> {
            stage.getScene().setRoot(new StackPane());
            return null;
        });
        assertThat(onFx(model::isRunning)).isFalse();

        onFx(() -> {
            stage.getScene().setRoot(screen);
            return null;
        });
        assertThat(onFx(model::isRunning)).isTrue();
    }

    @Test
    void theBannerExplainsTheUnauthorizedCluster() {
        awaitCells();

        await("a banner names research-west", () -> hasLabel("research-west rejected the credentials"));
    }

    @Test
    void adoptsTheThemeTheApplicationAlreadyUses() {
        Theme adopted = onFx(() -> {
            Theme.LIGHT.applyToApplication();
            FleetViewModel other = new FleetViewModel(store::get, Clock.systemUTC());
            new Scene(new FleetScreen(other));
            Theme result = other.themeProperty().get();
            Theme.DARK.applyToApplication();
            return result;
        });

        assertThat(adopted).isEqualTo(Theme.LIGHT);
        assertThat(onFx(Theme::current)).contains(Theme.DARK);
    }

    private int pixelOf(int ordinal) {
        HeatmapLayout layout = heatmap().getHeatmapLayout();
        Point2D local = heatmap().revealCell(ordinal).orElseThrow();
        ImageView image = (ImageView) heatmap().lookup(".image-view");
        int x = (int) Math.floor(local.getX() - image.getLayoutX());
        int y = (int) Math.floor(local.getY() - image.getLayoutY());
        return layout == null ? 0 : image.getImage().getPixelReader().getArgb(x, y);
    }

    private String visibleTooltipText() {
        return Window.getWindows().stream()
                .filter(window -> window instanceof Tooltip tooltip && tooltip.isShowing())
                .map(window -> ((Tooltip) window).getText())
                .findFirst().orElse("");
    }

    private boolean hasLabel(String text) {
        return containsLabel(screen, text);
    }

    private static boolean containsLabel(Node node, String text) {
        if (node instanceof Label label && label.isVisible() && text.equals(label.getText())) {
            return true;
        }
        if (node instanceof javafx.scene.Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                if (containsLabel(child, text)) {
                    return true;
                }
            }
        }
        return node instanceof javafx.scene.control.ScrollPane scroll && scroll.getContent() != null
                && containsLabel(scroll.getContent(), text);
    }
}
