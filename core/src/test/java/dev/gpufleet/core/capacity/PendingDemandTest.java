package dev.gpufleet.core.capacity;

import static dev.gpufleet.core.capacity.Fleets.node;
import static dev.gpufleet.core.capacity.Fleets.nodeSnapshot;
import static dev.gpufleet.core.capacity.Fleets.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.Taint;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// Why a pending GPU pod waits, by the scheduler's arithmetic over the cluster's nodes.
class PendingDemandTest {

    private static NodeSnapshot withPods(NodeRecord record, PodRecord... pods) {
        return nodeSnapshot(record, List.of(), pods);
    }

    private static String reason(List<NodeSnapshot> nodes, PodRecord waiting) {
        List<PendingPod> pods = new PendingDemand(new ClusterSnapshot("c", Fleets.live(), nodes, List.of(waiting))).pods();
        assertThat(pods).hasSize(1);
        return pods.getFirst().reason();
    }

    private static PodRecord waiting(String resource, long count) {
        return pod("ml", "w", null, "Pending", new OwnerRef("Job", "w"), Map.of(resource, count));
    }

    @Test
    void notEnoughFreeGpusNamesTheMostAnyOneNodeHas() {
        PodRecord running = pod("a", "r", "n1", "Running", null, Map.of("nvidia.com/gpu", 3L));
        PodRecord done = pod("a", "d", "n2", "Succeeded", null, Map.of("nvidia.com/gpu", 8L));
        List<NodeSnapshot> nodes = List.of(
                withPods(node("n1", false, Map.of("nvidia.com/gpu", 8L), Map.of()), running),
                withPods(node("n2", false, Map.of("nvidia.com/gpu", 6L), Map.of()), done));

        assertThat(reason(nodes, waiting("nvidia.com/gpu", 8)))
                .isEqualTo("not enough free GPUs on any one node: needs 8 nvidia.com/gpu, the most free on one node is 6 (n2)");
    }

    @Test
    void aMigProfileNoNodeAdvertisesIsNamed() {
        List<NodeSnapshot> nodes = List.of(withPods(node("n1", false, Map.of("nvidia.com/mig-1g.10gb", 7L), Map.of())));

        assertThat(reason(nodes, waiting("nvidia.com/mig-3g.40gb", 1))).isEqualTo("no node advertises nvidia.com/mig-3g.40gb");
    }

    @Test
    void roomOnlyOnCordonedNodesIsSaid() {
        List<NodeSnapshot> nodes = List.of(withPods(node("n1", true, Map.of("amd.com/gpu", 8L), Map.of())));

        assertThat(reason(nodes, waiting("amd.com/gpu", 4))).isEqualTo("only cordoned or not-Ready nodes have room: n1");
    }

    @Test
    void taintsAreListedAndSaidToBeUnchecked() {
        List<NodeSnapshot> nodes = List.of(withPods(node("n1", false, Map.of("nvidia.com/gpu", 8L), Map.of(),
                new Taint("nvidia.com/gpu.health", "unhealthy", "NoSchedule"), new Taint("soft", null, "PreferNoSchedule"))));

        assertThat(reason(nodes, waiting("nvidia.com/gpu", 1))).isEqualTo(
                "the nodes with room are tainted (n1 [nvidia.com/gpu.health=unhealthy:NoSchedule]); "
                        + "taints not checked against tolerations");
    }

    @Test
    void aTaintKeyedByTheRequestedResourceIsTolerated() {
        List<NodeSnapshot> nodes = List.of(withPods(node("n1", false, Map.of("nvidia.com/gpu", 8L), Map.of(),
                new Taint("nvidia.com/gpu", "true", "NoSchedule"))));

        assertThat(reason(nodes, waiting("nvidia.com/gpu", 1))).startsWith("fits on 1 node(s) now (n1)");
        assertThat(reason(nodes, waiting("nvidia.com/mig-1g.10gb", 1))).isEqualTo("no node advertises nvidia.com/mig-1g.10gb");
    }

    @Test
    void aPodThatFitsIsSaidToWaitForTheScheduler() {
        List<NodeSnapshot> nodes = List.of(withPods(node("n1", false, Map.of("nvidia.com/gpu", 8L), Map.of())));

        assertThat(reason(nodes, waiting("nvidia.com/gpu", 8))).startsWith("fits on 1 node(s) now (n1)");
    }

    @Test
    void podsWithoutGpuRequestsOrNotPendingAreNotDemand() {
        PodRecord cpu = pod("a", "cpu", null, "Pending", null, Map.of());
        PodRecord failed = pod("a", "f", null, "Failed", null, Map.of("nvidia.com/gpu", 1L));
        PendingDemand demand = new PendingDemand(new ClusterSnapshot("c", Fleets.live(), List.of(), List.of(cpu, failed)));

        assertThat(demand.any()).isFalse();
        assertThat(demand.pods()).isEmpty();
    }
}
