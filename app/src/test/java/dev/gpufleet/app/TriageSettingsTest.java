package dev.gpufleet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriageSettingsTest {

    @TempDir
    Path dir;

    private static Health healthAt80Celsius(FleetStore store) throws Exception {
        double[] values = MetricValues.blankArray();
        values[Metric.GPU_TEMP.ordinal()] = 80;
        GpuSample gpu = new GpuSample(0, "GPU-0", "NVIDIA L4", MetricValues.wrap(values), List.of(), List.of());
        store.telemetry(new TelemetryFrame("c", Instant.now(), List.of(new NodeTelemetry("n", List.of(gpu), null))));
        return store.sync().get(5, TimeUnit.SECONDS).cluster("c").orElseThrow().node("n").orElseThrow()
                .gpus().getFirst().health();
    }

    @Test
    void theSavedThresholdsColourTheHeatmap() throws Exception {
        Path file = dir.resolve(TriageSettings.FILE_NAME);
        Files.writeString(file, "{\"gpuTempWatchCelsius\": 75}");
        try (FleetStore store = new FleetStore()) {
            assertThat(TriageSettings.applySaved(store, file)).isEmpty();
            assertThat(healthAt80Celsius(store)).isEqualTo(Health.WARNING);
        }
    }

    @Test
    void aBrokenFileKeepsTheDefaultsAndSaysWhy() throws Exception {
        Path file = dir.resolve(TriageSettings.FILE_NAME);
        Files.writeString(file, "{\"gpuTempWatchCelsius\": 200}");
        try (FleetStore store = new FleetStore()) {
            assertThat(TriageSettings.applySaved(store, file)).hasValueSatisfying(problem -> assertThat(problem)
                    .contains(file.toString(), "gpuTempWatchCelsius", "defaults"));
            assertThat(healthAt80Celsius(store)).isEqualTo(Health.HEALTHY);
        }
    }

    @Test
    void theFileLivesInTheSettingsDirectory() {
        Path config = PlatformDirectories.config("Linux", Path.of("/home/u"), Map.of("XDG_CONFIG_HOME", "/cfg"));
        assertThat(config.resolve(TriageSettings.FILE_NAME)).hasToString("/cfg/gpufleet/triage-thresholds.json");
        assertThat(TriageSettings.defaultFile()).hasFileName(TriageSettings.FILE_NAME);
    }
}
