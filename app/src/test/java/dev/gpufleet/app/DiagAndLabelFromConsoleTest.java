package dev.gpufleet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.audit.AuditEntry;
import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.core.exec.VirtualThreadTaskExecutor;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import dev.gpufleet.views.actions.ActionOutcome;
import dev.gpufleet.views.actions.ActionState;
import dev.gpufleet.views.actions.NodeAction;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.triage.DiagnosticsViewModel;
import dev.gpufleet.views.triage.TriagePanel;
import dev.gpufleet.views.triage.TriageRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/// In a real window on the simulator: run DCGM diagnostics at level 2 from the triage panel of
/// the faulty A100 node and read its failures (also in the evidence, and audited); then mark
/// the cluster production from its context menu and label a node from the Actions menu, where
/// a wrong key is refused as typed and the node's name must be typed to confirm.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiagAndLabelFromConsoleTest {

    private static final String CONTEXT = "lab";
    private static final String FAULTY = "gpu-a100-a-001";

    private final FxRobot robot = new FxRobot();
    private SimulatorServer sim;
    private FleetSession session;
    private ConsoleWindow window;
    private Path auditFile;

    @BeforeAll
    void open() throws Exception {
        System.setProperty(FailureNotifier.ENABLED_PROPERTY, "false");
        sim = SimulatorServer.start(new SimConfig(4, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS));
        auditFile = Files.createTempDirectory("diag-label-ui").resolve("audit.jsonl");
        Kubeconfig kubeconfig = Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT), "the test's simulator");
        session = new FleetSession(new FleetStore(), kubeconfig, SimConfig.defaults(), ConnectionOptions.defaults());
        session.connect(CONTEXT).ready().get(60, TimeUnit.SECONDS);
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(primary -> {
            window = new ConsoleWindow(session, ConsolePlan.forConnected(kubeconfig, List.of(CONTEXT)),
                    new VirtualThreadTaskExecutor("test"), Clock.systemUTC(), ContextSettings.inMemory(),
                    new AuditLog(auditFile));
            primary.setScene(new Scene(window, 1400, 900));
            primary.show();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.screen().heatmap().cellCount() > 0);
    }

    @AfterAll
    void close() throws Exception {
        System.clearProperty(FailureNotifier.ENABLED_PROPERTY);
        FxToolkit.cleanupStages();
        session.close();
        sim.close();
    }

    private NodeSnapshot node(String name) {
        return session.store().current().cluster(CONTEXT).orElseThrow().nodes().stream()
                .filter(node -> node.name().equals(name)).findFirst().orElseThrow();
    }

    private static <T extends Parent> Optional<T> shown(Class<T> type) {
        return Window.getWindows().stream().filter(w -> w instanceof Stage && w.isShowing())
                .map(w -> w.getScene().getRoot()).filter(type::isInstance).map(type::cast).findFirst();
    }

    @Test
    void diagnosticsRunFromTheTriagePanelAndTheirFailuresBecomeEvidence() throws Exception {
        NodeSnapshot faulty = node(FAULTY);
        GpuSelection gpu = new GpuSelection(CONTEXT, FAULTY, 0, faulty.gpus().getFirst().uuid());
        WaitForAsyncUtils.asyncFx(() -> window.screen().selectGpu(gpu)).get(5, TimeUnit.SECONDS);
        robot.clickOn("#open-triage");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> shown(TriagePanel.class)
                .map(panel -> panel.diagnostics() != null && panel.diagnostics().canRunProperty().get()).orElse(false));
        TriagePanel panel = shown(TriagePanel.class).orElseThrow();
        DiagnosticsViewModel diag = panel.diagnostics();

        robot.clickOn("#diag-level");
        robot.clickOn(DiagnosticsViewModel.LEVELS.get(1).label());
        assertThat(diag.levelProperty().get().level()).isEqualTo(2);
        robot.clickOn("#diag-run");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !diag.runningProperty().get()
                && !diag.summaryProperty().get().isEmpty());

        assertThat(robot.lookup("#diag-summary").queryAs(Label.class).getText()).contains("level 2: fail")
                .contains("failing GPU");
        assertThat(diag.results()).isNotEmpty().anySatisfy(row -> {
            assertThat(row.status()).isEqualTo("fail");
            assertThat(row.message()).isNotBlank();
        });
        assertThat(panel.viewModel().evidence()).extracting(TriageRows.EvidenceRow::source).contains("dcgm-diag -r 2");
        List<AuditEntry> audit = new AuditLog(auditFile).read();
        assertThat(audit).filteredOn(entry -> entry.action().equals("diag")).extracting(AuditEntry::target)
                .containsExactly("node/" + FAULTY, "node/" + FAULTY);
        WaitForAsyncUtils.asyncFx(() -> ((Stage) panel.getScene().getWindow()).close()).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aLabelFromTheActionsMenuOnAProductionClusterNeedsTheNodesName() throws Exception {
        robot.rightClickOn("#read-only-" + CONTEXT);
        robot.clickOn("Production (type the node's name to confirm)");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.clusters().isProduction(CONTEXT)).isTrue();
        assertThat(robot.lookup("#production-" + CONTEXT).queryAs(Label.class).isVisible()).isTrue();

        WaitForAsyncUtils.asyncFx(() -> window.screen().selectCell(3)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.actions().model().stateProperty(NodeAction.LABEL)
                .get().enabled());
        String target = window.actions().model().targetsProperty().get().getFirst().node();
        robot.clickOn("#node-actions");
        robot.clickOn(NodeAction.LABEL.label() + " " + target);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#label-edits").tryQuery().isPresent());

        robot.clickOn("#label-edits").write("Bad_Prefix/team=ml");
        assertThat(robot.lookup("#label-problem").queryAs(Label.class).getText()).contains("prefix \"Bad_Prefix\"");
        assertThat(robot.lookup("#label-ok").queryAs(Button.class).isDisabled()).isTrue();
        robot.doubleClickOn("#label-edits").press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A)
                .release(KeyCode.CONTROL).write("team=ml");
        assertThat(robot.lookup("#label-problem").queryAs(Label.class).getText()).contains("type the node's name");
        robot.clickOn("#label-confirm").write(target);
        assertThat(robot.lookup("#label-ok").queryAs(Button.class).isDisabled()).isFalse();
        robot.clickOn("#label-ok");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "ml".equals(node(target).node().labels().get("team"))
                && window.actions().model().outcomeProperty().get() != null);
        ActionOutcome outcome = window.actions().model().outcomeProperty().get();
        assertThat(outcome.failed()).isFalse();
        assertThat(outcome.lines()).containsExactly("node/" + target + " labeled team=ml in " + CONTEXT);
        assertThat(new AuditLog(auditFile).read()).filteredOn(entry -> entry.action().equals("label"))
                .extracting(entry -> entry.phase() + " " + entry.target())
                .containsExactly("intent node/" + target, "outcome node/" + target);
        closeOutcomeAlert();
        assertThat(window.actions().model().stateProperty(NodeAction.LABEL).get()).isNotEqualTo(ActionState.CHECKING);
    }

    private void closeOutcomeAlert() throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        Optional<Node> pane = Window.getWindows().stream().filter(Window::isShowing)
                .map(w -> w.getScene().getRoot().lookup(".node-action-outcome")).filter(n -> n != null).findFirst();
        if (pane.isPresent()) {
            WaitForAsyncUtils.asyncFx(() -> pane.get().getScene().getWindow().hide()).get(5, TimeUnit.SECONDS);
        }
    }
}
