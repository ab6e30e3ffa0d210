package dev.gpufleet.core.capacity;

import static dev.gpufleet.core.capacity.Fleets.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.core.store.InventoryEvent;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/// A past window replayed from the store's history into the ledger.
class WasteReplayTest {

    @Test
    void theHistorysValuesOfThenDecideEachStep() throws Exception {
        try (FleetStore store = new FleetStore()) {
            NodeRecord node = new NodeRecord("n1", Map.of(), false, true, List.of(), Map.of("nvidia.com/gpu", 1L), null, T0);
            PodRecord pod = new PodRecord("ml", "p", "n1", "Running", null, Map.of("nvidia.com/gpu", 1L));
            PodRecord waiting = new PodRecord("ml", "big", null, "Pending", null, Map.of("nvidia.com/gpu", 8L));
            store.inventory("c1", new InventoryEvent.Resynced(List.of(node), List.of(pod, waiting)));
            for (int step = 0; step < 6; step++) {
                GpuSample sample = new GpuSample(0, "GPU-0", Fleets.H100,
                        Fleets.values(Metric.GPU_UTIL, step < 3 ? 50 : 0, Metric.GPU_TEMP, 40),
                        List.of(), List.of(new PodRef("ml", "p", "main")));
                store.telemetry(new TelemetryFrame("c1", T0.plusSeconds(10L * step),
                        List.of(new NodeTelemetry("n1", List.of(sample), null))));
            }
            FleetSnapshot live = store.sync().get(5, TimeUnit.SECONDS);
            WasteLedger ledger = new WasteLedger(WasteSettings.defaults(), GpuPrices.defaults());

            store.readHistory(history -> {
                WasteReplay.replay(live, history, T0, T0.plusSeconds(60), Duration.ofSeconds(10), ledger);
                return true;
            }).get(5, TimeUnit.SECONDS);

            WasteReport report = ledger.report();
            WasteAmounts fleet = report.fleet();
            assertThat(fleet.totalHours() * 3600).isCloseTo(60, within(1e-6));
            assertThat(fleet.hours(WasteCategory.USED) * 3600).isCloseTo(15, within(1e-6));
            assertThat(fleet.hours(WasteCategory.UNDERUSED) * 3600).isCloseTo(15, within(1e-6));
            assertThat(fleet.hours(WasteCategory.IDLE_ALLOCATED) * 3600).isCloseTo(30, within(1e-6));
            assertThat(report.pending()).extracting(PendingPod::name).containsExactly("big");
            assertThat(report.notes()).contains(WasteReplay.NOTE);
        }
    }
}
