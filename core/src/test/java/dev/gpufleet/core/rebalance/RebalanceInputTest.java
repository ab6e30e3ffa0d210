package dev.gpufleet.core.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// The planner's input from what the console already holds: a cluster snapshot's nodes.
class RebalanceInputTest {

    private static GpuSnapshot gpu(int index, Health health, double utilization) {
        double[] row = MetricValues.blankArray();
        row[Metric.GPU_UTIL.ordinal()] = utilization;
        return new GpuSnapshot(index, "GPU-" + index, "NVIDIA H100", health, MetricValues.wrap(row), null, List.of(),
                List.of());
    }

    @Test
    void nodeHealthIsTheWorstGpuAndHeatTheMeanUtilization() {
        PodRecord running = Fleets.job("a", "n1", 2);
        PodRecord waiting = Fleets.pending("b", 4, 0);
        NodeSnapshot n1 = new NodeSnapshot(Fleets.node("n1", 8), List.of(gpu(0, Health.HEALTHY, 90),
                gpu(1, Health.WARNING, 70)), List.of(running), null, null);
        NodeSnapshot dark = new NodeSnapshot(Fleets.node("n2", 8), List.of(), List.of(), null, null);

        RebalanceInput input = RebalanceInput.from(List.of(n1, dark), List.of(waiting), List.of());

        assertThat(input.nodeHealth()).containsOnly(Map.entry("n1", Health.WARNING), Map.entry("n2", Health.UNKNOWN));
        assertThat(input.nodeHeat()).containsOnly(Map.entry("n1", 0.8));
        assertThat(input.pods()).containsExactly(waiting, running);
        // The pending pod takes 4 of the dark node's 8 GPUs first; the degraded node's job takes 2 of the rest.
        assertThat(RebalancePlanner.plan(input, RebalanceOptions.of(Goal.EVACUATE)).moves())
                .singleElement().satisfies(move -> assertThat(move.to()).isEqualTo("n2"));
    }
}
