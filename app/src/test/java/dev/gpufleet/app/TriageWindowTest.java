package dev.gpufleet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.exec.VirtualThreadTaskExecutor;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.triage.Verdict;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.views.audit.AuditView;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.triage.TriagePanel;
import dev.gpufleet.views.triage.TriageRows;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/// On the demo fleet: select the GPU that fell off the bus, press "Triage" and read FAILING with
/// XID 79 decoded; open the audit log; lock the demo fleet read-only in the cluster list.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriageWindowTest {

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

    private Optional<GpuSelection> gpuOffTheBus() {
        for (NodeSnapshot node : session.store().current().cluster(FleetSession.DEMO).orElseThrow().nodes()) {
            for (GpuSnapshot gpu : node.gpus()) {
                if (gpu.value(Metric.XID_ERRORS) == 79) {
                    return Optional.of(new GpuSelection(FleetSession.DEMO, node.name(), gpu.index(), gpu.uuid()));
                }
            }
        }
        return Optional.empty();
    }

    private static <T extends Parent> Optional<T> shown(Class<T> type) {
        return Window.getWindows().stream().filter(w -> w instanceof Stage && w.isShowing())
                .map(w -> w.getScene().getRoot()).filter(type::isInstance).map(type::cast).findFirst();
    }

    @Test
    void triageOfTheGpuOffTheBusIsFailingWithTheXidDecoded() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> gpuOffTheBus().isPresent());
        GpuSelection gpu = gpuOffTheBus().orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> window.screen().selectGpu(gpu)).get(5, TimeUnit.SECONDS);

        robot.clickOn("#open-triage");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> shown(TriagePanel.class)
                .map(panel -> panel.viewModel().verdictProperty().get() != null).orElse(false));

        TriagePanel panel = shown(TriagePanel.class).orElseThrow();
        assertThat(panel.viewModel().verdictProperty().get()).isEqualTo(Verdict.FAILING);
        assertThat(robot.lookup("#triage-verdict").queryAs(Label.class).getText()).isEqualTo("FAILING");
        assertThat(robot.lookup("#triage-verdict").queryAs(Label.class).getStyleClass()).contains("verdict-failing");
        assertThat(panel.viewModel().titleProperty().get()).endsWith(gpu.node() + " / GPU " + gpu.index());
        assertThat(panel.viewModel().xids()).extracting(TriageRows.XidRow::code).contains(79);
        assertThat(panel.viewModel().xids()).extracting(TriageRows.XidRow::meaning)
                .contains("GPU has fallen off the bus");
        assertThat(panel.viewModel().evidence().getFirst().severity()).isEqualTo("failing");
        assertThat(robot.lookup("#triage-action").queryAs(Label.class).getText()).startsWith("Recommended: ");
        assertThat(panel.viewModel().events()).isNotNull();

        robot.clickOn("#triage-whole-node");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !panel.viewModel().loadingProperty().get()
                && panel.viewModel().reportProperty().get().gpu() == null);
        assertThat(panel.viewModel().reportProperty().get().gpus()).hasSize(8);
        assertThat(panel.viewModel().verdictProperty().get()).isEqualTo(Verdict.FAILING);
        WaitForAsyncUtils.asyncFx(() -> ((Stage) panel.getScene().getWindow()).close()).get(5, TimeUnit.SECONDS);
    }

    @Test
    void theAuditLogOpensFromTheToolbar() throws Exception {
        robot.clickOn("#open-audit");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> shown(AuditView.class)
                .map(view -> !view.viewModel().loadingProperty().get()
                        && !view.viewModel().statusProperty().get().isEmpty()).orElse(false));

        AuditView view = shown(AuditView.class).orElseThrow();
        assertThat(view.viewModel().statusProperty().get()).matches("No cluster-changing.*|\\d+ of \\d+ entries");
        WaitForAsyncUtils.asyncFx(() -> ((Stage) view.getScene().getWindow()).close()).get(5, TimeUnit.SECONDS);
    }

    @Test
    void theLockInTheClusterListMakesTheDemoFleetReadOnly() {
        assertThat(window.clusters().isReadOnly(FleetSession.DEMO)).isFalse();

        robot.clickOn("#read-only-" + FleetSession.DEMO);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.clusters().isReadOnly(FleetSession.DEMO)).isTrue();

        robot.clickOn("#read-only-" + FleetSession.DEMO);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.clusters().isReadOnly(FleetSession.DEMO)).isFalse();
    }
}
