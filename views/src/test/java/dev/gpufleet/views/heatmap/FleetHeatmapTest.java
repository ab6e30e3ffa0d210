package dev.gpufleet.views.heatmap;

import static dev.gpufleet.views.FxTesting.await;
import static dev.gpufleet.views.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.views.TestFleets;
import dev.gpufleet.views.Theme;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/// The heatmap and legend controls on their own, without robot input.
@ExtendWith(ApplicationExtension.class)
class FleetHeatmapTest {

    /// Made in [#start], once the toolkit runs (a control's class needs it when this class runs first).
    private FleetHeatmap heatmap;
    private HeatmapLegend legend;
    private Scene scene;

    @Start
    void start(Stage stage) {
        heatmap = new FleetHeatmap();
        legend = new HeatmapLegend();
        heatmap.setPrefSize(900, 500);
        legend.paletteProperty().bind(heatmap.paletteProperty());
        scene = new Scene(new VBox(legend, heatmap), 900, 560);
        Theme.DARK.applyTo(scene);
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void drawsOneCellPerGpuAndRelaysOutWhenTheFleetChangesShape() {
        onFx(() -> {
            heatmap.setSnapshot(TestFleets.simple(1, 10, 8));
            return null;
        });
        await("80 cells", () -> heatmap.getHeatmapLayout() != null && heatmap.getHeatmapLayout().cellCount() == 80);

        onFx(() -> {
            heatmap.setSnapshot(TestFleets.withGpuCounts(4, 4, 16));
            return null;
        });

        await("24 cells", () -> heatmap.getHeatmapLayout() != null && heatmap.getHeatmapLayout().cellCount() == 24);
        assertThat(onFx(heatmap::cellCount)).isEqualTo(24);
    }

    @Test
    void selectionFollowsTheGpuAcrossSnapshots() {
        GpuSelection target = new GpuSelection("c1", "n2", 3, null);
        onFx(() -> {
            heatmap.setSnapshot(TestFleets.withGpuCounts(8, 8, 8));
            heatmap.select(target);
            return null;
        });
        assertThat(onFx(heatmap::getSelectedOrdinal)).isEqualTo(19);

        onFx(() -> {
            heatmap.setSnapshot(TestFleets.withGpuCounts(4, 8, 8));
            return null;
        });

        assertThat(onFx(heatmap::getSelectedOrdinal)).isEqualTo(15);
        assertThat(onFx(heatmap::getSelectedGpu)).matches(target::sameGpu);

        onFx(() -> {
            heatmap.setSnapshot(TestFleets.withGpuCounts(4));
            return null;
        });
        assertThat(onFx(heatmap::getSelectedOrdinal)).isEqualTo(-1);
        assertThat(onFx(heatmap::getSelectedGpu)).as("kept while the GPU is missing").matches(target::sameGpu);
    }

    @Test
    void paletteFollowsTheTheme() {
        onFx(() -> {
            heatmap.applyCss();
            return null;
        });
        int dark = onFx(() -> heatmap.paletteProperty().get().selection());

        onFx(() -> {
            Theme.LIGHT.applyTo(scene);
            heatmap.applyCss();
            return null;
        });

        int light = onFx(() -> heatmap.paletteProperty().get().selection());
        assertThat(light).isNotEqualTo(dark);
        assertThat(onFx(() -> legend.paletteProperty().get().selection())).isEqualTo(light);
    }

    @Test
    void legendNamesTheMetricAndItsRange() {
        onFx(() -> {
            legend.setMetric(HeatmapMetric.TEMPERATURE);
            legend.applyCss();
            return null;
        });

        assertThat(onFx(() -> legend.lookupAll(".label").stream().map(n -> ((Label) n).getText()).toList()))
                .contains("Temperature (°C)", "20", "105", "warm ≥ 85  hot ≥ 95", "no telemetry", "stale (last value)", "failing");
    }
}
