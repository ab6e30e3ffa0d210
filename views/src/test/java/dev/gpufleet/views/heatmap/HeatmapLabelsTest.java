package dev.gpufleet.views.heatmap;

import static dev.gpufleet.views.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.views.TestFleets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/// Node names for a screenful of a big fleet are made a pass at a time
/// ([HeatmapLabels#MAX_NEW_PER_PASS] new labels each), and then reused.
@ExtendWith(ApplicationExtension.class)
class HeatmapLabelsTest {

    private HeatmapLabels labels;

    @Start
    void start(Stage stage) {
        labels = new HeatmapLabels();
        stage.setScene(new Scene(labels.pane(), 4000, 4000));
        stage.show();
    }

    private long visibleNames() {
        return labels.pane().getChildren().stream()
                .filter(node -> node.getStyleClass().contains("node-name")).filter(Node::isVisible).count();
    }

    @Test
    void aScreenfulOfNamesIsMadeOverSeveralPassesThenEveryPassIsComplete() {
        int[] gpus = new int[400];
        java.util.Arrays.fill(gpus, 1);
        HeatmapFrame frame = HeatmapFrame.extract(TestFleets.withGpuCounts(gpus), HeatmapMetric.UTILIZATION, null);
        HeatmapLayout layout = HeatmapLayout.compute(frame.topology(), HeatmapGeometry.DEFAULT, 4000);
        int height = layout.height();

        assertThat(onFx(() -> labels.update(layout, frame, 0, 0, height, 1))).as("first pass").isFalse();
        assertThat(onFx(this::visibleNames)).isEqualTo(HeatmapLabels.MAX_NEW_PER_PASS);

        boolean complete = false;
        for (int pass = 0; pass < 10 && !complete; pass++) {
            complete = onFx(() -> labels.update(layout, frame, 0, 0, height, 1));
        }
        assertThat(complete).isTrue();
        assertThat(onFx(this::visibleNames)).isEqualTo(400);
        assertThat(onFx(() -> labels.update(layout, frame, 0, 0, height, 1))).as("pool made: one pass").isTrue();
    }
}
