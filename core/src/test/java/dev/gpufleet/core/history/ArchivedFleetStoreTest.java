package dev.gpufleet.core.history;

import static dev.gpufleet.core.history.HistoryArchiveTest.CONFIG;
import static dev.gpufleet.core.history.HistoryArchiveTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The fleet store with an archive: what a console restart keeps.
class ArchivedFleetStoreTest {

    private static final String CLUSTER = "prod";
    private static final int GPUS = 16;
    private static final int TICKS = 400;

    @TempDir
    Path root;

    private static TelemetryFrame frame(long tick) {
        List<GpuSample> samples = new ArrayList<>();
        for (int gpu = 0; gpu < GPUS; gpu++) {
            samples.add(new GpuSample(gpu, "GPU-" + gpu, "H100", HistoryArchiveTest.values(gpu, tick), List.of(), List.of()));
        }
        return new TelemetryFrame(CLUSTER, T0.plusSeconds(10 * tick), List.of(new NodeTelemetry("node-a", samples, null)));
    }

    private FleetStore store(long nowTick) {
        Clock clock = Clock.fixed(T0.plusSeconds(10 * nowTick), ZoneOffset.UTC);
        return new FleetStore(clock, CONFIG, new HistoryArchive(root));
    }

    /// Every value of every GPU over the recorded ticks, read on the store's writer thread.
    private static double[][] everything(FleetStore store) throws Exception {
        return store.readHistory(history -> {
            long t0 = history.tickOf(T0);
            double[][] values = new double[GPUS * CONFIG.metrics().size()][TICKS];
            for (int gpu = 0; gpu < GPUS; gpu++) {
                int slot = history.slotOf(new GpuKey(CLUSTER, "node-a", "GPU-" + gpu));
                for (int m = 0; m < CONFIG.metrics().size(); m++) {
                    history.read(slot, CONFIG.metrics().get(m), t0, t0 + TICKS - 1, values[gpu * CONFIG.metrics().size() + m]);
                }
            }
            return values;
        }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void closeSavesWhatARestartLoadsBeforeTheFirstNewFrame() throws Exception {
        double[][] before;
        try (FleetStore store = store(TICKS - 1)) {
            for (long tick = 0; tick < TICKS; tick++) {
                store.telemetry(frame(tick));
            }
            store.sync().get(10, TimeUnit.SECONDS);
            before = everything(store);
        }
        try (FleetStore reopened = store(TICKS + 5)) {
            reopened.telemetry(frame(TICKS + 5));
            reopened.sync().get(10, TimeUnit.SECONDS);
            assertThat(java.util.Arrays.deepToString(everything(reopened))).isEqualTo(java.util.Arrays.deepToString(before));
            double temp = reopened.readHistory(h -> h.valueAt(h.slotOf(new GpuKey(CLUSTER, "node-a", "GPU-2")),
                    Metric.GPU_TEMP, h.tickOf(T0) + 5)).get(10, TimeUnit.SECONDS);
            assertThat(temp).isNaN();
        }
    }

    @Test
    void flushesWhileFramesArriveSaveExactlyWhatWasRecorded() throws Exception {
        double[][] before;
        try (FleetStore store = store(TICKS - 1)) {
            CompletableFuture<Void> recording = CompletableFuture.runAsync(() -> {
                for (long tick = 0; tick < TICKS; tick++) {
                    store.telemetry(frame(tick));
                }
            });
            List<CompletableFuture<Void>> flushes = new ArrayList<>();
            while (!recording.isDone()) {
                flushes.add(store.flushHistory());
                Thread.sleep(2);
            }
            recording.get(10, TimeUnit.SECONDS);
            CompletableFuture.allOf(flushes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            store.sync().get(10, TimeUnit.SECONDS);
            before = everything(store);
        }
        try (FleetStore reopened = store(TICKS)) {
            reopened.telemetry(new TelemetryFrame(CLUSTER, T0.plusSeconds(10 * TICKS), List.of()));
            assertThat(java.util.Arrays.deepToString(everything(reopened))).isEqualTo(java.util.Arrays.deepToString(before));
        }
    }

    @Test
    void removingAClusterSavesItsHistory() throws Exception {
        try (FleetStore store = store(10)) {
            for (long tick = 0; tick <= 10; tick++) {
                store.telemetry(frame(tick));
            }
            store.removeCluster(CLUSTER);
            store.sync().get(10, TimeUnit.SECONDS);
            FleetHistory loaded = new FleetHistory(CONFIG);
            // The write runs in the background; a flush after it waits for it.
            store.flushHistory().get(10, TimeUnit.SECONDS);
            ArchiveLoad load = new HistoryArchive(root).load(CLUSTER, loaded, T0.plusSeconds(100));
            assertThat(load.gpus()).isEqualTo(GPUS);
        }
    }
}
