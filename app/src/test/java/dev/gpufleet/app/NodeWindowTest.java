package dev.gpufleet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.connectors.topology.ProbeOptions;
import dev.gpufleet.core.exec.VirtualThreadTaskExecutor;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.core.topology.TopologyOrigin;
import dev.gpufleet.core.topology.TopologyProbeException;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.node.NodeView;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/// From the console to a node's view on the demo fleet: select a GPU, open its node, probe it
/// with nvidia-smi through a pod on the simulated cluster.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeWindowTest {

    private static final GpuSelection H100 = new GpuSelection(FleetSession.DEMO, "gpu-h100-a-001", 2, null);

    private final FxRobot robot = new FxRobot();
    private FleetSession session;
    private ConsoleWindow window;

    @BeforeAll
    void openTheDemo() throws Exception {
        session = new FleetSession(new FleetStore(), Kubeconfig.empty(), SimConfig.defaults().withNodes(16),
                ConnectionOptions.defaults());
        session.connect(FleetSession.DEMO).ready().get(60, TimeUnit.SECONDS);
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(primary -> {
            window = new ConsoleWindow(session, ConsolePlan.demoOnly(), new VirtualThreadTaskExecutor("test"),
                    Clock.systemUTC());
            primary.setScene(new Scene(window, 1400, 900));
            primary.show();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.screen().heatmap().cellCount() == 128);
    }

    @AfterAll
    void close() throws Exception {
        FxToolkit.cleanupStages();
        session.close();
    }

    private static Optional<NodeView> nodeView() {
        return Window.getWindows().stream().filter(w -> w instanceof Stage && w.isShowing())
                .map(w -> w.getScene().getRoot()).filter(NodeView.class::isInstance).map(NodeView.class::cast)
                .findFirst();
    }

    @Test
    void openingTheSelectedGpusNodeShowsItsBoardAndAProbeReadsTheNode() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.screen().selectGpu(H100)).get(5, TimeUnit.SECONDS);
        robot.clickOn("#open-node");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> nodeView().isPresent());
        NodeView view = nodeView().orElseThrow();
        assertThat(view.viewModel().node()).isEqualTo("gpu-h100-a-001");
        assertThat(view.viewModel().topologyProperty().get().origin()).isEqualTo(TopologyOrigin.KNOWN_BOARD);

        robot.clickOn("#probe-button");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !view.viewModel().probingProperty().get()
                && view.viewModel().topologyProperty().get().origin() == TopologyOrigin.PROBED);
        // The probe's result lands in one FX runnable (topology, then the GPU rows): let it finish.
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(view.viewModel().topologyProperty().get().link(0, 7).code()).isEqualTo("NV18");
        assertThat(view.viewModel().gpusProperty().get().get(6).numa()).isEqualTo("1");
        assertThat(robot.lookup("#topology-note").queryAs(Label.class).getText()).startsWith("Probed");
    }

    @Test
    void aClusterThatIsNotConnectedCannotBeProbed() {
        SessionTopologySource source = new SessionTopologySource(session, ProbeOptions.defaults());

        Assertions.assertThatThrownBy(() -> source.probe("prod-west", "gpu-1"))
                .isInstanceOf(TopologyProbeException.class)
                .hasMessageContaining("\"prod-west\" is not connected");
    }
}
