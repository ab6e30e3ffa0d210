package dev.gpufleet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.views.clusters.ClusterEntry;
import dev.gpufleet.views.clusters.TelemetryChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The read-only switch per context in `contexts.json`: it survives a restart beside the
/// telemetry choice, turning it off forgets the context, and a malformed flag is a problem.
class ReadOnlySettingsTest {

    @TempDir
    Path dir;

    @Test
    void readOnlySurvivesARestartBesideTheTelemetryChoice() throws Exception {
        ContextSettings settings = ContextSettings.load(dir);
        TelemetryChoice prometheus = TelemetryChoice.prometheus("http://prom:9090");

        assertThat(settings.saveTelemetry("prod", prometheus)).isEmpty();
        assertThat(settings.saveReadOnly("prod", true)).isEmpty();
        assertThat(settings.saveReadOnly("staging", true)).isEmpty();
        ContextSettings reloaded = ContextSettings.load(dir);

        assertThat(reloaded.problem()).isEmpty();
        assertThat(reloaded.isReadOnly("prod")).isTrue();
        assertThat(reloaded.isReadOnly("staging")).isTrue();
        assertThat(reloaded.isReadOnly("dev")).isFalse();
        assertThat(reloaded.telemetry("prod")).isEqualTo(prometheus);
        assertThat(reloaded.telemetry("staging")).isEqualTo(TelemetryChoice.podProxy());
        assertThat(Files.readString(dir.resolve(ContextSettings.FILE_NAME))).contains("\"readOnly\" : true");
    }

    @Test
    void turningReadOnlyOffForgetsIt() throws Exception {
        ContextSettings settings = ContextSettings.load(dir);
        settings.saveReadOnly("prod", true);

        settings.saveReadOnly("prod", false);

        assertThat(ContextSettings.load(dir).isReadOnly("prod")).isFalse();
        assertThat(Files.readString(dir.resolve(ContextSettings.FILE_NAME))).doesNotContain("prod");
    }

    @Test
    void aFlagThatIsNotABooleanIsAProblem() throws Exception {
        Files.writeString(dir.resolve(ContextSettings.FILE_NAME), "{\"contexts\": {\"prod\": {\"readOnly\": \"yes\"}}}");

        ContextSettings settings = ContextSettings.load(dir);

        assertThat(settings.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("readOnly", "prod"));
        assertThat(settings.isReadOnly("prod")).isFalse();
    }

    @Test
    void theClusterControlReadsAndSavesTheSwitch() throws Exception {
        ContextSettings settings = ContextSettings.load(dir);
        settings.saveReadOnly("prod", true);
        try (FleetSession session = new FleetSession(new FleetStore(),
                Kubeconfig.empty(), SimConfig.defaults(),
                ConnectionOptions.defaults())) {
            SessionClusterControl control = new SessionClusterControl(session, Runnable::run,
                    Clock.systemUTC(), settings);
            ClusterEntry prod = new ClusterEntry("prod", "~/.kube/config");
            ClusterEntry dev = new ClusterEntry("dev", "~/.kube/config");

            assertThat(control.readOnly(prod)).isTrue();
            assertThat(control.chooseReadOnly(dev, true)).isEmpty();
        }
        assertThat(ContextSettings.load(dir).isReadOnly("dev")).isTrue();
    }
}
