package dev.gpufleet.core.capacity;

import static dev.gpufleet.core.capacity.Fleets.H100;
import static dev.gpufleet.core.capacity.Fleets.T0;
import static dev.gpufleet.core.capacity.Fleets.gpu;
import static dev.gpufleet.core.capacity.Fleets.live;
import static dev.gpufleet.core.capacity.Fleets.node;
import static dev.gpufleet.core.capacity.Fleets.nodeSnapshot;
import static dev.gpufleet.core.capacity.Fleets.pod;
import static dev.gpufleet.core.capacity.Fleets.ref;
import static dev.gpufleet.core.capacity.Fleets.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// The classifier's cache of pod keys holds the pods of the last two snapshots only: under churn
/// every snapshot brings new pod records (and exporter references to pods the inventory does not
/// know), and a cache keyed by every record ever seen grew for as long as the console ran.
class ShareClassifierCacheTest {

    @Test
    void podRecordsOfOlderSnapshotsAreLetGo() {
        ShareClassifier classifier = new ShareClassifier(WasteSettings.defaults(), GpuPrices.defaults());

        for (int round = 0; round < 200; round++) {
            classifier.classify(churned(round));
            assertThat(classifier.cachedPods()).as("round %d", round).isLessThanOrEqualTo(2 * 2);
        }
    }

    @Test
    void keysAreTheSameWhateverTheCacheHolds() {
        ShareClassifier classifier = new ShareClassifier(WasteSettings.defaults(), GpuPrices.defaults());

        List<GpuShare> first = classifier.classify(churned(7));
        List<GpuShare> again = classifier.classify(churned(7));

        assertThat(again).extracting(share -> share.holders().stream().map(GpuShare.Holder::workloadKey).toList())
                .isEqualTo(first.stream().map(share -> share.holders().stream().map(GpuShare.Holder::workloadKey)
                        .toList()).toList());
    }

    /// One node, two GPUs: one held by a pod record made anew this round, one by a pod the
    /// exporter names but the inventory does not list.
    private static FleetSnapshot churned(int round) {
        PodRecord job = pod("ml", "job-" + round, "n1", "Running", new OwnerRef("Job", "job-" + round),
                Map.of("nvidia.com/gpu", 1L));
        var n1 = nodeSnapshot(node("n1", false, Map.of("nvidia.com/gpu", 2L), Map.of()),
                List.of(gpu(0, H100, Health.HEALTHY, values(Metric.GPU_UTIL, 50), T0, ref(job)),
                        gpu(1, H100, Health.HEALTHY, values(Metric.GPU_UTIL, 50), T0,
                                new PodRef("ml", "ghost-" + round, "main"))),
                job);
        return new FleetSnapshot(round + 1, T0.plusSeconds(round), List.of(new ClusterSnapshot("c", live(),
                List.of(n1))));
    }
}
