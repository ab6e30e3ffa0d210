package dev.gpufleet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.exec.VirtualThreadTaskExecutor;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import dev.gpufleet.views.clusters.TelemetryChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/// The console with a kubeconfig context (a simulator over HTTPS) and the demo fleet listed: the
/// context's gear opens the telemetry dialog, which shows problems inline and saves a
/// Prometheus choice to the settings file; the demo fleet offers no choice.
class TelemetryDialogTest {

    private static final String CONTEXT = "sim-ctx";
    private static final String PROMETHEUS = "http://prometheus.invalid:9090";

    @TempDir
    Path dir;

    private final FxRobot robot = new FxRobot();
    private SimulatorServer server;
    private FleetSession session;
    private ConsoleWindow window;

    @BeforeEach
    void open() throws Exception {
        server = SimulatorServer.start(SimConfig.defaults());
        Kubeconfig kubeconfig = Kubeconfig.fromText(server.kubeconfigYaml(CONTEXT), "test kubeconfig");
        session = new FleetSession(new FleetStore(), kubeconfig, SimConfig.defaults(), ConnectionOptions.defaults());
        ConsolePlan plan = ConsolePlan.forKubeconfig(kubeconfig, List.of(CONTEXT));
        ContextSettings settings = ContextSettings.load(dir);
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(primary -> {
            window = new ConsoleWindow(session, plan, new VirtualThreadTaskExecutor("test"), Clock.systemUTC(),
                    settings);
            primary.setScene(new Scene(window, 1400, 900));
            primary.show();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> window.clusters().item(CONTEXT).stateProperty().get() == ConnectionState.LIVE);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        session.close();
        server.close();
    }

    @Test
    void choosingPrometheusForAContextSavesItAndShowsIt() throws Exception {
        assertThat(robot.lookup("#telemetry-" + FleetSession.DEMO).queryAll())
                .allSatisfy(gear -> assertThat(((Node) gear).isVisible()).isFalse());
        assertThat(window.clusters().telemetryForm(FleetSession.DEMO)).isEmpty();

        robot.clickOn("#telemetry-" + CONTEXT);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#telemetry-prometheus").tryQuery().isPresent());
        robot.clickOn("#telemetry-prometheus");
        WaitForAsyncUtils.waitForFxEvents();

        Button save = robot.lookup(".button").match(LabeledMatchers.hasText("Save")).queryButton();
        assertThat(save.isDisabled()).isTrue();
        assertThat(robot.lookup("#telemetry-problems").queryAs(Label.class).getText()).contains("Prometheus URL");

        robot.clickOn("#telemetry-url").write(PROMETHEUS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(save.isDisabled()).isFalse();
        robot.clickOn(save);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#telemetry-url").tryQuery()).isEmpty();
        assertThat(window.clusters().item(CONTEXT).telemetryProperty().get())
                .isEqualTo(TelemetryChoice.prometheus(PROMETHEUS));
        assertThat(Files.readString(dir.resolve(ContextSettings.FILE_NAME))).contains(CONTEXT, PROMETHEUS);
        assertThat(ContextSettings.load(dir).telemetry(CONTEXT)).isEqualTo(TelemetryChoice.prometheus(PROMETHEUS));
        Node gear = robot.lookup("#telemetry-" + CONTEXT).query();
        assertThat(gear.isVisible()).isTrue();
        // Reconnected with the new source: the inventory stays, telemetry now fails at the Prometheus.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> session.store().current().cluster(CONTEXT)
                .map(cluster -> cluster.connection().message()).filter(m -> m != null && m.contains("prometheus.invalid"))
                .isPresent());
    }
}
