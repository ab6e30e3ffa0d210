package dev.gpufleet.views.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.views.TestFleets;
import dev.gpufleet.views.heatmap.HeatmapFrame;
import dev.gpufleet.views.heatmap.HeatmapMetric;
import org.junit.jupiter.api.Test;

/// A top waster's key finds the heatmap cells of exactly the GPUs its pods hold.
class WorkloadGpusTest {

    private final HeatmapFrame frame = HeatmapFrame.extract(TestFleets.simple(1, 3, 8), HeatmapMetric.values()[0], null);

    @Test
    void aJobsKeyFindsTheGpusItsPodsHold() {
        // On every node the Job train-<node> holds GPUs 0, 2, 4 and 6 (two per pod).
        String node = frame.node(8).name();
        assertThat(WorkloadGpus.ordinals(frame, "c1/ml-team/Job/train-" + node).stream().toArray())
                .containsExactly(8, 10, 12, 14);
        assertThat(frame.node(10).name()).isEqualTo(node);
    }

    @Test
    void anUnknownWorkloadFindsNothing() {
        assertThat(WorkloadGpus.ordinals(frame, "c1/ml-team/Job/nothing-like-it").isEmpty()).isTrue();
        assertThat(WorkloadGpus.ordinals(frame, "other/ml-team/Job/train-" + frame.node(0).name()).isEmpty()).isTrue();
    }
}
