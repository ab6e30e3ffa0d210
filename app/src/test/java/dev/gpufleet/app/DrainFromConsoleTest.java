package dev.gpufleet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.audit.AuditEntry;
import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.core.exec.VirtualThreadTaskExecutor;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import dev.gpufleet.views.actions.DrainDialog;
import dev.gpufleet.views.actions.DrainDialogViewModel;
import dev.gpufleet.views.actions.DrainDialogViewModel.Phase;
import dev.gpufleet.views.actions.NodeAction;
import dev.gpufleet.views.actions.ProgressRow;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.heatmap.HeatmapFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/// The triage-to-drain flow in a real window on a simulated cluster whose context is marked
/// production: pick the most urgent (failing) GPU, open "Drain…" from the Actions menu, read the
/// preview, type the node's name, drain, watch the pods' progress to the end, and see the
/// heatmap draw the node cordoned; the audit log has the intent and the outcome.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrainFromConsoleTest {

    private static final String CONTEXT = "lab-prod";

    private final FxRobot robot = new FxRobot();
    private SimulatorServer sim;
    private FleetSession session;
    private ConsoleWindow window;
    private Path auditFile;

    @BeforeAll
    void open() throws Exception {
        // A notification popping up would take the focus the robot's next click needs.
        System.setProperty(FailureNotifier.ENABLED_PROPERTY, "false");
        sim = SimulatorServer.start(new SimConfig(16, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS));
        auditFile = Files.createTempDirectory("drain-ui").resolve("audit.jsonl");
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
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.screen().heatmap().cellCount() == 16 * 8);
    }

    @AfterAll
    void close() throws Exception {
        System.clearProperty(FailureNotifier.ENABLED_PROPERTY);
        FxToolkit.cleanupStages();
        session.close();
        sim.close();
    }

    @Test
    void aFailingGpusNodeIsDrainedWithPreviewTypedConfirmationAndProgressAndTheHeatmapShowsItCordoned()
            throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> frame().gpuCount() > 0
                && java.util.stream.IntStream.range(0, frame().gpuCount()).anyMatch(o -> frame().health(o) == Health.FAILING));
        robot.clickOn("#most-urgent");
        WaitForAsyncUtils.waitForFxEvents();
        GpuSelection failing = window.screen().heatmap().getSelectedGpu();
        assertThat(failing).isNotNull();
        assertThat(frame().health(frame().ordinalOf(failing))).isEqualTo(Health.FAILING);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> window.actions().model().stateProperty(NodeAction.DRAIN).get().enabled());

        robot.clickOn("#node-actions");
        robot.clickOn(menuItem("Drain…"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.actions().lastDrain().isPresent());
        DrainDialog dialog = window.actions().lastDrain().orElseThrow();
        DrainDialogViewModel drain = dialogModel();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> drain.phaseProperty().get() == Phase.PREVIEW);

        // Opened from a GPU, the drain starts limited to it; the operator widens it to the node.
        assertThat(drain.scopeProperty().get().toString()).isEqualTo("GPU " + failing.index());
        WaitForAsyncUtils.asyncFx(() -> {
            drain.scopeProperty().set(dev.gpufleet.core.drain.DrainOptions.GpuScope.wholeNode());
            drain.timeoutSecondsProperty().set(45);
        }).get(5, TimeUnit.SECONDS);
        robot.clickOn(dialog.getScene().lookup("#drain-force"));
        robot.clickOn(dialog.getScene().lookup("#drain-emptydir"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> drain.phaseProperty().get() == Phase.PREVIEW
                && drain.planProperty().get() != null && drain.planProperty().get().options().force()
                && drain.planProperty().get().options().deleteEmptyDirData());
        assertThat(drain.previewRows()).isNotEmpty();
        assertThat(drain.summaryProperty().get()).contains("Evict").contains(failing.node());
        assertThat(drain.confirmationRequiredProperty().get()).isTrue();
        assertThat(dialog.getScene().lookup("#drain-start").isDisabled()).isTrue();

        robot.clickOn(dialog.getScene().lookup("#drain-confirm-name")).write(failing.node());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(dialog.getScene().lookup("#drain-start").isDisabled()).isFalse();
        robot.clickOn(dialog.getScene().lookup("#drain-start"));

        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> drain.phaseProperty().get() == Phase.FINISHED);
        assertThat(drain.progressRows()).isNotEmpty();
        assertThat(drain.log()).anySatisfy(line -> assertThat(line).contains("cordoned"));
        assertThat(drain.nodeStateProperty().get()).contains(failing.node()).contains("cordoned");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            HeatmapFrame frame = frame();
            int node = frame.topology().findNode(CONTEXT, failing.node());
            return node >= 0 && frame.cordoned(node);
        });
        // The pods the drain saw go are gone from the node in the fleet the heatmap draws.
        List<String> gone = drain.progressRows().stream().filter(row -> row.state() == ProgressRow.State.GONE)
                .map(ProgressRow::pod).toList();
        assertThat(gone).isNotEmpty();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> podsOn(failing.node()).stream().noneMatch(gone::contains));
        List<AuditEntry> audit = new AuditLog(auditFile).read();
        assertThat(audit).extracting(AuditEntry::action).containsExactly("drain", "drain");
        assertThat(audit.getFirst().target()).isEqualTo("node/" + failing.node());
        robot.clickOn(dialog.getScene().lookup("#drain-close"));
    }

    private List<String> podsOn(String node) {
        return session.store().current().cluster(CONTEXT).flatMap(c -> c.node(node)).orElseThrow().pods().stream()
                .map(pod -> pod.namespace() + "/" + pod.name()).toList();
    }

    private HeatmapFrame frame() {
        return window.screen().heatmap().getFrame();
    }

    private DrainDialogViewModel dialogModel() {
        return window.actions().lastDrainModel().orElseThrow();
    }

    private static Node menuItem(String prefix) {
        return new FxRobot().lookup(".menu-item").match(node -> node instanceof Parent parent
                && parent.lookupAll(".label").stream().anyMatch(label -> label instanceof Labeled labeled
                && labeled.getText() != null && labeled.getText().startsWith(prefix))).query();
    }
}
