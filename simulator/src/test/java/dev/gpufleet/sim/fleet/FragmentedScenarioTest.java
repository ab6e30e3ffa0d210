package dev.gpufleet.sim.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.sim.Scenario;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/// The fragmented reference scenario: free GPUs everywhere, but nowhere room for 8.
class FragmentedScenarioTest {

    private final Fleet fleet = FleetPlanner.planFragmented(16, 8, 42);

    private int held(int node) {
        return (int) IntStream.range(0, 8).filter(g -> fleet.podOnSlot(node, g, 0) != Fleet.NO_POD).count();
    }

    @Test
    void everyNodeHasTwoToFourGpusFreeSoNoneFitsAnEightGpuPod() {
        assertThat(fleet.nodeCount()).isEqualTo(16);
        for (int node = 0; node < fleet.nodeCount(); node++) {
            assertThat(8 - held(node)).as(fleet.nodeName(node)).isBetween(2, 4);
            assertThat(fleet.migLayout(node, 0)).isNull();
        }
        int free = IntStream.range(0, 16).map(n -> 8 - held(n)).sum();
        assertThat(free).isGreaterThanOrEqualTo(32);
    }

    @Test
    void eightGpuJobsWaitAndTwoNodesAreDegraded() {
        PodPlacements pods = fleet.pods();
        long pendingEights = IntStream.range(0, pods.size())
                .filter(p -> pods.node(p) == PodPlacements.PENDING && pods.gpuCount(p) == 8).count();
        assertThat(pendingEights).isEqualTo(4);
        assertThat(fleet.faults()).hasSize(2);
        assertThat(fleet.faults().values()).containsExactlyInAnyOrder(GpuFault.DOUBLE_BIT_ECC, GpuFault.GRAPHICS_EXCEPTION);
        assertThat(fleet.faults().keySet().stream().map(gpu -> gpu / 8).distinct()).hasSize(2);
        assertThat(fleet.schedulerPacks()).isTrue();
        assertThat(FleetPlanner.plan(16, 8, 42).schedulerPacks()).isFalse();
    }

    @Test
    void theSameSeedGivesTheSameFleet() {
        Fleet again = FleetPlanner.planFragmented(16, 8, 42);
        assertThat(again.workloads()).isEqualTo(fleet.workloads());
        assertThat(again.faults()).isEqualTo(fleet.faults());
        assertThat(Scenario.parse("Fragmented")).isEqualTo(Scenario.FRAGMENTED);
    }
}
