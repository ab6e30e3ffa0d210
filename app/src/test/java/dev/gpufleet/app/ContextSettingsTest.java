package dev.gpufleet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.prometheus.PrometheusAuth;
import dev.gpufleet.connectors.prometheus.PrometheusOptions;
import dev.gpufleet.views.clusters.TelemetryChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// Per-context settings on disk: round trip, no secrets, a broken file kept intact, the
/// platform's directory, and the mapping to the connector's options.
class ContextSettingsTest {

    @TempDir
    Path dir;

    private TelemetryChoice prometheusWithToken() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "s3cr3t-token-value");
        return new TelemetryChoice(TelemetryChoice.Source.PROMETHEUS, "https://prom.example:9090", "node",
                token.toString(), null, "cluster=\"eu\"");
    }

    @Test
    void aChoiceSurvivesARestartWithoutTheTokenItself() throws Exception {
        Path config = dir.resolve("config");
        TelemetryChoice choice = prometheusWithToken();

        assertThat(ContextSettings.load(config).saveTelemetry("prod", choice)).isEmpty();
        ContextSettings reloaded = ContextSettings.load(config);

        assertThat(reloaded.problem()).isEmpty();
        assertThat(reloaded.telemetry("prod")).isEqualTo(choice);
        assertThat(reloaded.telemetry("other")).isEqualTo(TelemetryChoice.podProxy());
        String written = Files.readString(config.resolve(ContextSettings.FILE_NAME));
        assertThat(written).contains("https://prom.example:9090", dir.resolve("token").toString())
                .doesNotContain("s3cr3t-token-value");
        try (var files = Files.list(config)) {
            assertThat(files).containsExactly(config.resolve(ContextSettings.FILE_NAME));
        }
    }

    @Test
    void choosingThePodProxyAgainForgetsTheContext() throws Exception {
        ContextSettings settings = ContextSettings.load(dir);
        settings.saveTelemetry("prod", prometheusWithToken());
        settings.saveTelemetry("prod", TelemetryChoice.podProxy());

        assertThat(ContextSettings.load(dir).telemetry("prod")).isEqualTo(TelemetryChoice.podProxy());
        assertThat(Files.readString(dir.resolve(ContextSettings.FILE_NAME))).doesNotContain("prod");
    }

    @Test
    void aBrokenFileGivesDefaultsAndAProblemAndIsLeftAlone() throws Exception {
        Path file = Files.writeString(dir.resolve(ContextSettings.FILE_NAME), "{\"contexts\": {\"prod\": ");

        ContextSettings settings = ContextSettings.load(dir);

        assertThat(settings.telemetry("prod")).isEqualTo(TelemetryChoice.podProxy());
        assertThat(settings.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains(file.toString(), "could not be read", "left as it is"));
        assertThat(Files.readString(file)).isEqualTo("{\"contexts\": {\"prod\": ");
    }

    @Test
    void anUnknownSourceIsAProblemToo() throws Exception {
        Files.writeString(dir.resolve(ContextSettings.FILE_NAME),
                "{\"contexts\": {\"prod\": {\"telemetry\": {\"source\": \"graphite\"}}}}");

        assertThat(ContextSettings.load(dir).problem()).hasValueSatisfying(problem ->
                assertThat(problem).contains("graphite"));
    }

    @Test
    void savingOverABrokenFileKeepsACopyOfIt() throws Exception {
        Path file = Files.writeString(dir.resolve(ContextSettings.FILE_NAME), "not json");
        ContextSettings settings = ContextSettings.load(dir);

        assertThat(settings.saveTelemetry("prod", TelemetryChoice.prometheus("http://prom:9090"))).isEmpty();

        assertThat(Files.readString(dir.resolve(ContextSettings.FILE_NAME + ".broken"))).isEqualTo("not json");
        assertThat(ContextSettings.load(dir).telemetry("prod")).isEqualTo(TelemetryChoice.prometheus("http://prom:9090"));
        assertThat(settings.problem()).isEmpty();
        assertThat(file).exists();
    }

    @Test
    void thePlatformDirectoriesFollowsThePlatform() {
        Path home = Path.of("/home/ada");
        assertThat(PlatformDirectories.config("Linux", home, Map.of())).isEqualTo(home.resolve(".config/gpufleet"));
        assertThat(PlatformDirectories.config("Linux", home, Map.of("XDG_CONFIG_HOME", "/xdg")))
                .isEqualTo(Path.of("/xdg/gpufleet"));
        assertThat(PlatformDirectories.config("Mac OS X", home, Map.of()))
                .isEqualTo(home.resolve("Library/Application Support/gpufleet"));
        assertThat(PlatformDirectories.config("Windows 11", home, Map.of("APPDATA", "/appdata")))
                .isEqualTo(Path.of("/appdata").resolve("gpufleet"));
    }

    @Test
    void aPrometheusChoiceBecomesTheConnectionsTelemetry() throws Exception {
        ContextSettings settings = ContextSettings.inMemory();
        TelemetryChoice choice = prometheusWithToken();
        settings.saveTelemetry("prod", choice);
        TelemetryRouting routing = new TelemetryRouting(settings);

        PrometheusOptions prometheus = routing.optionsFor("prod", ConnectionOptions.defaults()).prometheus();

        assertThat(prometheus).isNotNull();
        assertThat(prometheus.url().toString()).isEqualTo("https://prom.example:9090");
        assertThat(prometheus.nodeLabel()).isEqualTo("node");
        assertThat(prometheus.selector()).isEqualTo("cluster=\"eu\"");
        assertThat(prometheus.auth()).isEqualTo(new PrometheusAuth.BearerFile(dir.resolve("token")));
        assertThat(routing.optionsFor("other", ConnectionOptions.defaults()).prometheus()).isNull();
        assertThat(routing.optionsFor(FleetSession.DEMO, ConnectionOptions.defaults()).prometheus()).isNull();
    }
}
