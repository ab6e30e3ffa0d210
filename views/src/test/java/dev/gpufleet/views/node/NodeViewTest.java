package dev.gpufleet.views.node;

import static dev.gpufleet.views.FxTesting.await;
import static dev.gpufleet.views.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.exec.VirtualThreadTaskExecutor;
import dev.gpufleet.core.topology.NvidiaSmiTopology;
import dev.gpufleet.views.TestFleets;
import dev.gpufleet.views.Theme;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/// The node view in a real window: click a matrix cell, probe the node.
@ExtendWith(ApplicationExtension.class)
class NodeViewTest {

    private NodeView view;

    @Start
    void start(Stage stage) {
        Theme.DARK.applyToApplication();
        String matrix = NodeFixtures.hgxMatrix().replace("NV18", "NV12");
        NodeViewModel model = new NodeViewModel("prod", NodeFixtures.NODE,
                (cluster, node) -> NvidiaSmiTopology.parse(matrix), new VirtualThreadTaskExecutor("node-view-test"), Platform::runLater);
        model.update(NodeFixtures.node("NVIDIA-H100-80GB-HBM3", 8, NodeFixtures::utilization, TestFleets.T0));
        view = new NodeView(model);
        stage.setScene(new Scene(view, 1100, 900));
        stage.show();
    }

    @Test
    void clickingACellNamesTheLinkAndProbingShowsTheNodesOwnMatrix(FxRobot robot) {
        MatrixLayout layout = onFx(() -> view.matrix().layoutNow());
        Bounds bounds = onFx(() -> view.matrix().localToScreen(view.matrix().getBoundsInLocal()));
        robot.clickOn(new Point2D(bounds.getMinX() + layout.x(5) + layout.cell() / 2,
                bounds.getMinY() + layout.y(1) + layout.cell() / 2));

        Label detail = robot.lookup("#cell-detail").queryAs(Label.class);
        await("the cell detail names GPU1 to GPU5", () -> detail.getText().startsWith("GPU1 → GPU5: NV18"));
        assertThat(onFx(() -> view.matrix().selectedCellProperty().get())).isEqualTo(new MatrixLayout.Cell(1, 5));
        assertThat(robot.lookup("#topology-note").queryAs(Label.class).getText()).contains("not probed");

        robot.clickOn("#probe-button");

        Label note = robot.lookup("#topology-note").queryAs(Label.class);
        await("the probed matrix is shown", () -> note.getText().startsWith("Probed"));
        assertThat(onFx(() -> view.matrix().topologyProperty().get().link(0, 1).code())).isEqualTo("NV12");
        assertThat(robot.lookup("#traffic-note").queryAs(Label.class).getText()).contains("No NVLink traffic");
    }
}
