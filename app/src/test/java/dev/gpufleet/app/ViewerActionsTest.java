package dev.gpufleet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.core.exec.VirtualThreadTaskExecutor;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimUser;
import dev.gpufleet.sim.SimulatorServer;
import dev.gpufleet.views.actions.ActionState;
import dev.gpufleet.views.actions.NodeAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/// The console as a read-only user (the simulator's `viewer`): with a GPU selected, every
/// action in the Actions menu is disabled and says which permission the user lacks, as the
/// API server's SelfSubjectAccessReview answered.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewerActionsTest {

    private static final String CONTEXT = "lab-viewer";

    private final FxRobot robot = new FxRobot();
    private SimulatorServer sim;
    private FleetSession session;
    private ConsoleWindow window;
    private Path auditFile;

    @BeforeAll
    void open() throws Exception {
        sim = SimulatorServer.start(new SimConfig(2, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS));
        auditFile = Files.createTempDirectory("viewer-ui").resolve("audit.jsonl");
        Kubeconfig kubeconfig = Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT, SimUser.VIEWER), "the viewer's kubeconfig");
        session = new FleetSession(new FleetStore(), kubeconfig, SimConfig.defaults(), ConnectionOptions.defaults());
        session.connect(CONTEXT).ready().get(60, TimeUnit.SECONDS);
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(primary -> {
            window = new ConsoleWindow(session, ConsolePlan.forConnected(kubeconfig, List.of(CONTEXT)),
                    new VirtualThreadTaskExecutor("test"), Clock.systemUTC(), ContextSettings.inMemory(),
                    new AuditLog(auditFile));
            primary.setScene(new Scene(window, 1200, 800));
            primary.show();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.screen().heatmap().cellCount() == 16);
    }

    @AfterAll
    void close() throws Exception {
        FxToolkit.cleanupStages();
        session.close();
        sim.close();
    }

    @Test
    void everyActionIsDisabledWithThePermissionTheViewerLacks() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.screen().selectCell(3)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.actions().model().stateProperty(NodeAction.DRAIN)
                .get() != ActionState.CHECKING && window.actions().model().stateProperty(NodeAction.CORDON).get()
                != ActionState.CHECKING && !window.actions().model().targetsProperty().get().isEmpty());

        robot.clickOn("#node-actions");
        WaitForAsyncUtils.waitForFxEvents();

        MenuButton menu = robot.lookup("#node-actions").queryAs(MenuButton.class);
        assertThat(menu.getItems()).filteredOn(item -> item.getText() != null && !item.getText().isEmpty())
                .hasSize(NodeAction.values().length)
                .allSatisfy(item -> assertThat(item.isDisable()).as(item.getText()).isTrue());
        assertThat(text(menu, "node-action-cordon")).contains("user \"viewer\"").contains("lacks patch nodes");
        assertThat(text(menu, "node-action-taint-gpu-unhealthy")).contains("lacks patch nodes");
        assertThat(text(menu, "node-action-drain")).contains("lacks create pods/eviction");
        robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);
        assertThat(auditFile).doesNotExist();
    }

    private static String text(MenuButton menu, String id) {
        return menu.getItems().stream().filter(item -> id.equals(item.getId())).map(MenuItem::getText).findFirst()
                .orElseThrow();
    }
}
