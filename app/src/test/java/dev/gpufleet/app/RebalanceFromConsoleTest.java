package dev.gpufleet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.audit.AuditEntry;
import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.core.exec.VirtualThreadTaskExecutor;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.sim.Scenario;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import dev.gpufleet.views.actions.ProgressRow;
import dev.gpufleet.views.rebalance.RebalanceView;
import dev.gpufleet.views.rebalance.RebalanceViewModel;
import dev.gpufleet.views.rebalance.RebalanceViewModel.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/// The rebalance screen in a real console window on the simulator's fragmented fleet, whose
/// context is marked production by its name: open it from the toolbar, plan, see the moves and
/// both heatmaps, type the context's name, apply a two-move plan and watch every move reach its
/// end with each audited; then plan again, pause the run, cancel it, and read where it stopped;
/// and the capacity window's "Rebalance…" opens the screen too.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RebalanceFromConsoleTest {

    private static final String CONTEXT = "lab-prod";

    private final FxRobot robot = new FxRobot();
    private SimulatorServer sim;
    private FleetSession session;
    private ConsoleWindow window;
    private Path auditFile;
    private int appliedFirst;

    @BeforeAll
    void open() throws Exception {
        System.setProperty(FailureNotifier.ENABLED_PROPERTY, "false");
        sim = SimulatorServer.start(new SimConfig(16, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS), Scenario.FRAGMENTED);
        auditFile = Files.createTempDirectory("rebalance-ui").resolve("audit.jsonl");
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
        // The scenario's small Pending replicas fit at once; plan only once the scheduler placed them.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> session.store().current().cluster(CONTEXT)
                .map(c -> c.unscheduled().stream().allMatch(p -> p.gpusRequested() >= 8)).orElse(false));
    }

    @AfterAll
    void close() throws Exception {
        System.clearProperty(FailureNotifier.ENABLED_PROPERTY);
        FxToolkit.cleanupStages();
        session.close();
        sim.close();
    }

    @Test
    @Order(1)
    void aTwoMovePlanIsShownOnBothHeatmapsConfirmedAppliedAndAudited() throws Exception {
        robot.clickOn("#open-rebalance");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.rebalance().view().isPresent());
        RebalanceView view = window.rebalance().view().orElseThrow();
        RebalanceViewModel model = view.viewModel();
        assertThat(model.contextProperty().get()).isEqualTo(CONTEXT);
        setMaxMoves(view, 2);

        plan(view, model);
        assertThat(model.rows()).hasSize(2).allSatisfy(row -> assertThat(row.from()).matches("gpu-h100-a-\\d+ \\([12] GPUs?\\)"));
        assertThat(((TableView<?>) lookup(view, "#rebalance-moves")).getItems()).hasSize(2);
        assertThat(model.effectProperty().get()).contains("2 moves", "Stranded GPUs");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.beforeHeatmap().cellCount() == 16 * 8
                && view.afterHeatmap().cellCount() == 16 * 8);
        Node before = lookup(view, "#rebalance-before");
        Node after = lookup(view, "#rebalance-after");
        assertThat(before.getLayoutBounds().getWidth()).isPositive();
        assertThat(after.getLayoutBounds().getWidth()).isPositive();
        // The moves' sources and targets are selected on both maps.
        assertThat(view.afterHeatmap().getSelection().bits().cardinality()).isPositive();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> model.applyBlockedReasonProperty().get().contains("marked production"));
        assertThat(lookup(view, "#rebalance-apply").isDisabled()).isTrue();

        robot.clickOn(lookup(view, "#rebalance-confirm-context")).write(CONTEXT);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !lookup(view, "#rebalance-apply").isDisabled());
        applyUntilRunning(view, model);

        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> model.phaseProperty().get() == Phase.FINISHED);
        int applied = model.progressRows().size();
        appliedFirst = applied;
        assertThat(applied).isBetween(1, 2);
        assertThat(model.progressRows()).allSatisfy(row -> assertThat(row.state())
                .isIn(ProgressRow.State.REPLACED, ProgressRow.State.GONE));
        assertThat(model.statusProperty().get()).contains(applied + " of " + applied);
        List<AuditEntry> audit = new AuditLog(auditFile).read();
        assertThat(audit).filteredOn(e -> e.phase() == AuditEntry.Phase.intent).hasSize(applied)
                .allSatisfy(e -> assertThat(e.action()).isEqualTo("rebalance-move"));
        assertThat(audit).filteredOn(e -> e.phase() == AuditEntry.Phase.outcome).extracting(AuditEntry::result)
                .hasSize(applied).containsOnly("ok");
    }

    @Test
    @Order(2)
    void aPausedRunIsCancelledAndSaysWhereItStopped() throws Exception {
        RebalanceView view = window.rebalance().view().orElseThrow();
        RebalanceViewModel model = view.viewModel();
        setMaxMoves(view, 8);
        WaitForAsyncUtils.asyncFx(() -> model.run().concurrencyProperty().set(1)).get(5, TimeUnit.SECONDS);
        plan(view, model);
        assertThat(model.rows().size()).isGreaterThan(2);
        robot.clickOn(lookup(view, "#rebalance-confirm-context")).write(CONTEXT);
        applyUntilRunning(view, model);

        robot.clickOn(lookup(view, "#rebalance-pause"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> model.run().pausedProperty().get());
        assertThat(lookup(view, "#rebalance-resume").isDisabled()).isFalse();
        robot.clickOn(lookup(view, "#rebalance-cancel"));

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.phaseProperty().get() == Phase.FINISHED);
        assertThat(model.statusProperty().get()).startsWith("Cancelled: ").contains("never started",
                "Stopped before the end");
        assertThat(model.progressRows()).anySatisfy(row -> {
            assertThat(row.state()).isEqualTo(ProgressRow.State.STOPPED);
            assertThat(row.detail()).contains("not started");
        });
        assertThat(model.run().log()).anySatisfy(line -> assertThat(line).startsWith("Paused"))
                .anySatisfy(line -> assertThat(line).startsWith("Cancelling"));
        long started = model.progressRows().stream().filter(row -> !row.detail().contains("not started")).count();
        List<AuditEntry> audit = new AuditLog(auditFile).read();
        assertThat(audit).filteredOn(e -> e.phase() == AuditEntry.Phase.intent).hasSize(appliedFirst + (int) started);
    }

    @Test
    @Order(3)
    void theCapacityWindowOpensTheRebalanceWindow() throws Exception {
        RebalanceView first = window.rebalance().view().orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> ((javafx.stage.Stage) first.getScene().getWindow()).close())
                .get(5, TimeUnit.SECONDS);
        robot.clickOn("#open-capacity");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.capacity().view().isPresent());
        Node button = window.capacity().view().orElseThrow().getScene().lookup("#capacity-rebalance");
        assertThat(button.isVisible()).isTrue();

        robot.clickOn(button);

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.rebalance().view().orElseThrow() != first);
        RebalanceView second = window.rebalance().view().orElseThrow();
        assertThat(second.getScene().getWindow().isShowing()).isTrue();
        assertThat(second.viewModel().phaseProperty().get()).isEqualTo(Phase.IDLE);
    }

    private void plan(RebalanceView view, RebalanceViewModel model) throws Exception {
        robot.clickOn(lookup(view, "#rebalance-plan"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.phaseProperty().get() == Phase.PLANNED);
    }

    /// Applies; if the cluster moved under the plan, the screen shows the new plan instead, and
    /// the operator applies that one.
    private void applyUntilRunning(RebalanceView view, RebalanceViewModel model) throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !lookup(view, "#rebalance-apply").isDisabled());
            robot.clickOn(lookup(view, "#rebalance-apply"));
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.phaseProperty().get() != Phase.REPLANNING
                    && model.phaseProperty().get() != Phase.PLANNING);
            if (model.phaseProperty().get() != Phase.PLANNED) {
                break;
            }
            robot.clickOn(lookup(view, "#rebalance-confirm-context")).write(CONTEXT);
        }
        assertThat(model.phaseProperty().get()).isIn(Phase.APPLYING, Phase.FINISHED);
    }

    private static void setMaxMoves(RebalanceView view, int moves) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> ((Spinner<?>) lookup(view, "#rebalance-max-moves")).getEditor()
                .setText(Integer.toString(moves))).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> ((Spinner<?>) lookup(view, "#rebalance-max-moves")).commitValue())
                .get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> view.viewModel().maxMovesProperty().get() == moves);
    }

    private static Node lookup(RebalanceView view, String selector) {
        return view.getScene().lookup(selector);
    }
}
