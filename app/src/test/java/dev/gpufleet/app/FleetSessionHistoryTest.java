package dev.gpufleet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.history.HistoryArchive;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetSessionHistoryTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void historyLivesInThePlatformsUserDataDirectory() {
        assertThat(FleetSession.historyRoot(Map.of(), "Linux", HOME))
                .isEqualTo(Path.of("/home/ada/.local/share/gpufleet/history"));
        assertThat(FleetSession.historyRoot(Map.of("XDG_DATA_HOME", "/data/ada"), "Linux", HOME))
                .isEqualTo(Path.of("/data/ada/gpufleet/history"));
        assertThat(FleetSession.historyRoot(Map.of("XDG_DATA_HOME", "relative"), "Linux", HOME))
                .isEqualTo(Path.of("/home/ada/.local/share/gpufleet/history"));
        assertThat(FleetSession.historyRoot(Map.of(), "Mac OS X", HOME))
                .isEqualTo(Path.of("/home/ada/Library/Application Support/gpufleet/history"));
        assertThat(FleetSession.historyRoot(Map.of("LOCALAPPDATA", "/win/local"), "Windows 11", HOME))
                .isEqualTo(Path.of("/win/local/gpufleet/history"));
    }

    @Test
    void theDemoFleetIsNotSavedButRealClustersAre(@TempDir Path root) throws Exception {
        Instant now = Instant.now();
        try (FleetStore store = FleetSession.persistentStore(root)) {
            store.telemetry(frame(FleetSession.DEMO, now));
            store.telemetry(frame("prod", now));
            store.sync().get();
        }
        assertThat(root.resolve(HistoryArchive.directoryName(FleetSession.DEMO))).doesNotExist();
        assertThat(root.resolve(HistoryArchive.directoryName("prod"))).isDirectoryContaining("glob:**.gfh");
    }

    private static TelemetryFrame frame(String cluster, Instant time) {
        double[] row = MetricValues.blankArray();
        row[Metric.GPU_UTIL.ordinal()] = 42;
        GpuSample gpu = new GpuSample(0, "GPU-0", "H100", MetricValues.wrap(row), List.of(), List.of());
        return new TelemetryFrame(cluster, time, List.of(new NodeTelemetry("node-a", List.of(gpu), null)));
    }
}
