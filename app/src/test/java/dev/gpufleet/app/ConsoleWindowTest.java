package dev.gpufleet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.exec.VirtualThreadTaskExecutor;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.views.heatmap.FleetHeatmap;
import dev.gpufleet.views.heatmap.GpuSelection;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/// The console on the demo fleet in a real window: it opens, draws one cell per GPU, shows a
/// tooltip on hover and selects on click. The demo is the in-process simulator reached over
/// HTTPS through the same connector code as any cluster.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleWindowTest {

    /// 64 NVIDIA nodes and 4 MI300X nodes of 8 GPUs: one cell per physical card, an AMD card's
    /// compute partitions inside its cell.
    private static final int DEMO_GPUS = (64 + FleetSession.DEMO_AMD_NODES) * 8;

    private final FxRobot robot = new FxRobot();
    private FleetSession session;
    private ConsoleWindow window;

    @BeforeAll
    void openTheDemo() throws Exception {
        // Under load the tests before the notification's own can outlast its 20 s on screen.
        System.setProperty(FailureNotifier.SHOWN_FOR_PROPERTY, "120");
        session = new FleetSession(new FleetStore(), Kubeconfig.empty(), FleetSession.demoConfig(),
                ConnectionOptions.defaults());
        session.connect(FleetSession.DEMO).ready().get(60, TimeUnit.SECONDS);
        Stage stage = FxToolkit.registerPrimaryStage();
        // 544 cells drawn by the software renderer take longer than the default 20 s to show on a
        // loaded build machine (several builds on two cores); the other tests wait on their own.
        FxToolkit.toolkitContext().setSetupTimeoutInMillis(60_000);
        FxToolkit.setupStage(primary -> {
            window = new ConsoleWindow(session, ConsolePlan.demoOnly(), new VirtualThreadTaskExecutor("test"),
                    Clock.systemUTC());
            primary.setScene(new Scene(window, 1400, 900));
            primary.show();
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> heatmap().cellCount() == DEMO_GPUS);
    }

    @AfterAll
    void close() throws Exception {
        System.clearProperty(FailureNotifier.SHOWN_FOR_PROPERTY);
        FxToolkit.cleanupStages();
        session.close();
    }

    private FleetHeatmap heatmap() {
        return window.screen().heatmap();
    }

    private Point2D screenPointOf(int ordinal) throws Exception {
        Point2D[] point = new Point2D[1];
        WaitForAsyncUtils.asyncFx(() -> {
            Point2D local = heatmap().revealCell(ordinal).orElseThrow();
            point[0] = heatmap().localToScreen(local);
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return point[0];
    }

    @Test
    void gpusAlreadyFailingWhenTheFleetConnectsAreAnnouncedInOneNotification() throws Exception {
        // The demo fleet has GPUs with injected faults (XID 79, double-bit ECC, heat).
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> notification() != null);

        Node bar = notification();
        assertThat(bar).isNotNull();
        String text = bar.lookupAll(".label").stream().filter(Labeled.class::isInstance)
                .map(node -> ((Labeled) node).getText()).filter(t -> t != null).reduce("", String::concat);
        assertThat(text).contains("failing").contains("in demo-fleet");
    }

    @Test
    void theNotificationIsACardInTheConsolesOwnSceneNotAPopupWindow() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> notification() != null);

        Node card = notification();
        assertThat(card.getScene()).as("no native popup window: a ControlsFX popup froze a big fleet's window")
                .isSameAs(window.getScene());
        assertThat(card.getStyleClass()).contains("toast", "danger");
    }

    private static Node notification() {
        for (Window window : Window.getWindows()) {
            if (window.isShowing() && window.getScene() != null) {
                Node found = window.getScene().getRoot().lookup("." + FailureNotifier.STYLE_CLASS);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Test
    void theDemoFleetIsLiveWithOneCellPerGpu() {
        assertThat(heatmap().cellCount()).isEqualTo(DEMO_GPUS);
        assertThat(window.clusters().item(FleetSession.DEMO).stateProperty().get()).isEqualTo(ConnectionState.LIVE);
        assertThat(window.clusters().item(FleetSession.DEMO).connectedProperty().get()).isTrue();
    }

    @Test
    void hoveringACellShowsItsTooltip() throws Exception {
        int ordinal = 42;
        GpuSelection expected = heatmap().getFrame().selectionAt(ordinal);

        robot.moveTo(screenPointOf(ordinal));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> tooltipTitle() != null);

        assertThat(heatmap().hoveredOrdinalProperty().get()).isEqualTo(ordinal);
        assertThat(tooltipTitle()).contains(expected.node());
    }

    @Test
    void clickingACellSelectsItAndShowsItsDetails() throws Exception {
        int ordinal = 100;
        GpuSelection expected = heatmap().getFrame().selectionAt(ordinal);

        robot.clickOn(screenPointOf(ordinal));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(heatmap().getSelectedGpu()).isEqualTo(expected);
        assertThat(window.screen().viewModel().selectedGpuProperty().get()).isEqualTo(expected);
        var details = window.screen().viewModel().details();
        assertThat(details.presentProperty().get()).isTrue();
        assertThat(details.headingProperty().get()).contains(expected.node());
        assertThat(robot.lookup(".label").queryAllAs(Label.class))
                .anySatisfy(label -> assertThat(label.getText()).contains(expected.node()));
    }

    private static String tooltipTitle() {
        for (Window open : Window.getWindows()) {
            if (open instanceof Tooltip tooltip && tooltip.isShowing()
                    && tooltip.getStyleClass().contains("heatmap-tooltip")) {
                Node title = tooltip.getScene().getRoot().lookup(".tooltip-title");
                return title instanceof Label label ? label.getText() : null;
            }
        }
        return null;
    }
}
