package dev.gpufleet.views.rebalance;

import static dev.gpufleet.views.rebalance.RebalanceFleet.running;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.rebalance.Move;
import dev.gpufleet.core.rebalance.Risk;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AllocationProjectionTest {

    private final FleetSnapshot fleet = RebalanceFleet.fragmented();
    private final ClusterSnapshot cluster = fleet.clusters().getFirst();

    private static Move move(int step, PodRecord pod, String from, String to) {
        return new Move(step, pod, from, to, "test", new Risk(0, Risk.Level.LOW, List.of(), List.of()), null);
    }

    private static int total(Map<String, Integer> held) {
        return held.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Test
    void beforeShowsAttributedAndRequestedGpusAsAllocated() {
        FleetSnapshot before = AllocationProjection.before(fleet, cluster);

        assertThat(AllocationProjection.allocatedByNode(before)).containsExactly(Map.entry("n1", 4), Map.entry("n2", 4),
                Map.entry("n3", 8));
        NodeSnapshot n2 = before.clusters().getFirst().node("n2").orElseThrow();
        // ml/b is attributed nowhere: it takes the node's first free GPUs, as many as it requests.
        assertThat(n2.gpus()).extracting(GpuSnapshot::utilizationPercent).containsExactly(
                AllocationProjection.ALLOCATED, AllocationProjection.ALLOCATED, AllocationProjection.ALLOCATED,
                AllocationProjection.ALLOCATED, AllocationProjection.FREE, AllocationProjection.FREE,
                AllocationProjection.FREE, AllocationProjection.FREE);
        assertThat(before.version()).isEqualTo(fleet.version());
    }

    @Test
    void aMoveConservesGpusTheSourceLosingWhatTheTargetGains() {
        PodRecord a = cluster.node("n1").orElseThrow().pods().getFirst();

        FleetSnapshot after = AllocationProjection.after(fleet, cluster, List.of(move(1, a, "n1", "n2")));

        Map<String, Integer> was = AllocationProjection.allocatedByNode(AllocationProjection.before(fleet, cluster));
        Map<String, Integer> now = AllocationProjection.allocatedByNode(after);
        assertThat(total(now)).isEqualTo(total(was)).isEqualTo(16);
        assertThat(was.get("n1") - now.get("n1")).isEqualTo(now.get("n2") - was.get("n2")).isEqualTo(4);
        assertThat(now).containsEntry("n1", 0).containsEntry("n2", 8).containsEntry("n3", 8);
        NodeSnapshot n2 = after.clusters().getFirst().node("n2").orElseThrow();
        assertThat(n2.pods()).extracting(PodRecord::qualifiedName).containsExactly("ml/b", "ml/a");
        assertThat(n2.pods().getLast().nodeName()).isEqualTo("n2");
        assertThat(n2.gpus().subList(4, 8)).allSatisfy(gpu -> assertThat(gpu.pods()).singleElement()
                .satisfies(ref -> assertThat(ref.name()).isEqualTo("a")));
        assertThat(after.clusters().getFirst().node("n1").orElseThrow().pods()).isEmpty();
    }

    @Test
    void movesApplyInStepOrderAndAPodNotOnItsSourceMovesNothing() {
        PodRecord a = cluster.node("n1").orElseThrow().pods().getFirst();
        PodRecord stranger = running("gone", "n1", 2, "ReplicaSet");

        FleetSnapshot after = AllocationProjection.after(fleet, cluster, List.of(move(1, a, "n1", "n2"),
                move(2, a, "n2", "n1"), move(3, stranger, "n1", "n2"), move(4, a, "n1", "nowhere")));

        assertThat(AllocationProjection.allocatedByNode(after)).containsEntry("n1", 4).containsEntry("n2", 4)
                .containsEntry("n3", 8);
    }

    @Test
    void aTargetWithTooFewFreeGpusTakesWhatItCan() {
        PodRecord c = cluster.node("n3").orElseThrow().pods().getFirst();

        FleetSnapshot after = AllocationProjection.after(fleet, cluster, List.of(move(1, c, "n3", "n1")));

        assertThat(AllocationProjection.allocatedByNode(after)).containsEntry("n1", 8).containsEntry("n3", 0);
    }
}
