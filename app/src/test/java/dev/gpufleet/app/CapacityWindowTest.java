package dev.gpufleet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.capacity.WasteScope;
import dev.gpufleet.core.exec.VirtualThreadTaskExecutor;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.views.capacity.CapacityRow;
import dev.gpufleet.views.capacity.CapacityView;
import dev.gpufleet.views.capacity.CapacityViewModel;
import dev.gpufleet.views.capacity.CategoryLook;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/// On the demo fleet: press "Capacity", see used GPU-hours counted, switch the table to nodes,
/// read the pending GPU pods, and pick a top waster to select its GPUs in the heatmap.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CapacityWindowTest {

    private static final int NODES = 16;

    private final FxRobot robot = new FxRobot();
    private FleetSession session;
    private ConsoleWindow window;

    @BeforeAll
    void openTheDemo() throws Exception {
        session = new FleetSession(new FleetStore(), Kubeconfig.empty(), SimConfig.defaults().withNodes(NODES),
                ConnectionOptions.defaults());
        session.connect(FleetSession.DEMO).ready().get(60, TimeUnit.SECONDS);
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(primary -> {
            window = new ConsoleWindow(session, ConsolePlan.demoOnly(), new VirtualThreadTaskExecutor("test"),
                    Clock.systemUTC());
            primary.setScene(new Scene(window, 1400, 900));
            primary.show();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.screen().heatmap().cellCount() == NODES * 8);
    }

    @AfterAll
    void close() throws Exception {
        FxToolkit.cleanupStages();
        session.close();
    }

    private long waitingForGpus() {
        return session.store().current().cluster(FleetSession.DEMO).orElseThrow().unscheduled().stream()
                .filter(pod -> "Pending".equals(pod.phase()) && pod.gpusRequested() > 0).map(PodRecord::name).count();
    }

    @Test
    void capacityOpensFromTheToolbarAndCountsUsedHoursPerScope() throws Exception {
        robot.clickOn("#open-capacity");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.capacity().view().isPresent());
        CapacityView view = window.capacity().view().orElseThrow();
        CapacityViewModel model = view.viewModel();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> model.fleet() != null
                && model.fleet().hours(CategoryLook.USED) > 0 && model.pointsProperty().get().size() >= 2);

        assertThat(robot.lookup("#capacity-tile-used").queryAs(Label.class).getText()).contains("GPU-h").contains("%");
        assertThat(robot.lookup("#capacity-idle-cost").queryAs(Label.class).getText()).startsWith("$");
        assertThat(model.rows()).extracting(CapacityRow::key).allMatch(key -> key.startsWith(FleetSession.DEMO + "/"));

        robot.clickOn("#capacity-scope-node");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.scopeProperty().get()).isEqualTo(WasteScope.NODE);
        assertThat(model.rows()).hasSize(NODES);
        TableView<?> table = robot.lookup("#capacity-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(NODES);
        assertThat(model.rows().stream().mapToDouble(CapacityRow::totalHours).sum())
                .isCloseTo(model.fleet().totalHours(), org.assertj.core.api.Assertions.within(1e-6));

        // The demo's pending pods come and go as it schedules: wait until the screen shows the store's.
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.pending().size() == waitingForGpus());
        TabPane tabs = robot.lookup("#capacity-tabs").queryAs(TabPane.class);
        WaitForAsyncUtils.asyncFx(() -> tabs.getSelectionModel().select(2)).get(5, TimeUnit.SECONDS);
        String[] shown = WaitForAsyncUtils.asyncFx(() -> new String[] {tabs.getTabs().get(2).getText(),
                Integer.toString(robot.lookup("#capacity-pending").queryAs(TableView.class).getItems().size()),
                Integer.toString(model.pending().size())}).get(5, TimeUnit.SECONDS);
        assertThat(shown[0]).isEqualTo("Pending GPU pods (" + shown[2] + ")");
        assertThat(shown[1]).isEqualTo(shown[2]);

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !model.topWasters().isEmpty());
        robot.clickOn("Top wasters");
        ListView<?> wasters = robot.lookup("#capacity-wasters").queryAs(ListView.class);
        WaitForAsyncUtils.asyncFx(() -> wasters.getSelectionModel().select(0)).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.screen().heatmap().getSelection().isEmpty()).isFalse();

        WaitForAsyncUtils.asyncFx(() -> ((Stage) view.getScene().getWindow()).close()).get(5, TimeUnit.SECONDS);
    }
}
