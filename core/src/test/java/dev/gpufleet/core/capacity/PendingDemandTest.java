package dev.gpufleet.core.capacity;

import static dev.gpufleet.core.capacity.Fleets.node;
import static dev.gpufleet.core.capacity.Fleets.nodeSnapshot;
import static dev.gpufleet.core.capacity.Fleets.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.NodeSelectorRequirement;
import dev.gpufleet.core.model.NodeSelectorTerm;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodScheduling;
import dev.gpufleet.core.model.Taint;
import dev.gpufleet.core.model.Toleration;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// Why a pending GPU pod waits, by the scheduler's filter (room, MIG profile, taints, selectors) over
/// the cluster's nodes, worded like its FailedScheduling events. Every expectation is counted by hand.
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

    private static PodRecord waiting(String resource, long count, PodScheduling scheduling) {
        return new PodRecord("ml", "w", null, "Pending", new OwnerRef("Job", "w"), Map.of(resource, count), scheduling,
                false, null);
    }

    private static PodScheduling tolerating(Toleration... tolerations) {
        return new PodScheduling(0, Map.of(), List.of(tolerations), List.of());
    }

    private static ClusterSnapshot cluster(List<NodeSnapshot> nodes, PodRecord... pending) {
        return new ClusterSnapshot("c", Fleets.live(), nodes, List.of(pending));
    }

    @Test
    void notEnoughFreeGpusNamesTheMostAnyOneNodeHas() {
        PodRecord running = pod("a", "r", "n1", "Running", null, Map.of("nvidia.com/gpu", 3L));
        PodRecord done = pod("a", "d", "n2", "Succeeded", null, Map.of("nvidia.com/gpu", 8L));
        List<NodeSnapshot> nodes = List.of(
                withPods(node("n1", false, Map.of("nvidia.com/gpu", 8L), Map.of()), running),
                withPods(node("n2", false, Map.of("nvidia.com/gpu", 6L), Map.of()), done));

        assertThat(reason(nodes, waiting("nvidia.com/gpu", 8))).isEqualTo("0/2 nodes are available: 2 Insufficient"
                + " nvidia.com/gpu. Needs 8 nvidia.com/gpu; the most free on a node it may use is 6 (n2).");
    }

    @Test
    void aMigProfileNoNodeAdvertisesIsNamed() {
        List<NodeSnapshot> nodes = List.of(withPods(node("n1", false, Map.of("nvidia.com/mig-1g.10gb", 7L), Map.of())));

        assertThat(reason(nodes, waiting("nvidia.com/mig-3g.40gb", 1))).isEqualTo("no node advertises nvidia.com/mig-3g.40gb");
    }

    @Test
    void aNodeWithAnotherMigProfileDoesNotFit() {
        List<NodeSnapshot> nodes = List.of(
                withPods(node("n1", false, Map.of("nvidia.com/mig-1g.10gb", 7L), Map.of())),
                withPods(node("n2", false, Map.of("nvidia.com/mig-3g.40gb", 2L), Map.of()),
                        pod("a", "r", "n2", "Running", null, Map.of("nvidia.com/mig-3g.40gb", 2L))));
        PendingDemand demand = new PendingDemand(cluster(nodes, waiting("nvidia.com/mig-3g.40gb", 1)));

        assertThat(demand.fitsAny(nodes.get(0))).isFalse();
        assertThat(demand.pods().getFirst().reason()).isEqualTo("0/2 nodes are available: 2 Insufficient"
                + " nvidia.com/mig-3g.40gb. Needs 1 nvidia.com/mig-3g.40gb; the most free on a node it may use is 0.");
    }

    @Test
    void roomOnlyOnCordonedNodesIsSaid() {
        List<NodeSnapshot> nodes = List.of(withPods(node("n1", true, Map.of("amd.com/gpu", 8L), Map.of())));

        assertThat(reason(nodes, waiting("amd.com/gpu", 4))).isEqualTo("0/1 nodes are available: 1 node(s) were unschedulable.");
    }

    @Test
    void anUntoleratedTaintKeepsThePodOffAndIsNamedAsTheSchedulerDoes() {
        List<NodeSnapshot> nodes = List.of(
                withPods(node("n1", false, Map.of("nvidia.com/gpu", 8L), Map.of(),
                        new Taint("nvidia.com/gpu.health", "unhealthy", "NoSchedule"), new Taint("soft", null, "PreferNoSchedule"))),
                withPods(node("n2", false, Map.of("nvidia.com/gpu", 8L), Map.of(), new Taint("dedicated", "infer", "NoExecute"))),
                withPods(node("n3", false, Map.of("nvidia.com/gpu", 8L), Map.of(), new Taint("dedicated", "infer", "NoExecute"))));
        PendingDemand demand = new PendingDemand(cluster(nodes, waiting("nvidia.com/gpu", 1)));

        assertThat(nodes).noneMatch(demand::fitsAny);
        assertThat(demand.pods().getFirst().reason()).isEqualTo("0/3 nodes are available:"
                + " 2 node(s) had untolerated taint {dedicated: infer},"
                + " 1 node(s) had untolerated taint {nvidia.com/gpu.health: unhealthy}.");
    }

    @Test
    void aToleratedTaintLetsThePodIn() {
        List<NodeSnapshot> nodes = List.of(withPods(node("n1", false, Map.of("nvidia.com/gpu", 8L), Map.of(),
                new Taint("nvidia.com/gpu", "true", "NoSchedule"), new Taint("dedicated", "infer", "NoSchedule"))));
        PodRecord tolerant = waiting("nvidia.com/gpu", 1, tolerating(Toleration.of("nvidia.com/gpu", "Exists", null, null),
                Toleration.of("dedicated", "Equal", "infer", "NoSchedule")));
        PodRecord partly = waiting("nvidia.com/gpu", 1, tolerating(Toleration.of("nvidia.com/gpu", "Exists", null, null)));

        assertThat(new PendingDemand(cluster(nodes, tolerant)).fitsAny(nodes.getFirst())).isTrue();
        assertThat(reason(nodes, tolerant)).isEqualTo("fits on 1 node(s) now (n1): waiting for the scheduler");
        assertThat(new PendingDemand(cluster(nodes, partly)).fitsAny(nodes.getFirst())).isFalse();
        assertThat(reason(nodes, partly)).isEqualTo("0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: infer}.");
    }

    @Test
    void aSelectorOrRequiredAffinityThatExcludesTheRoomyNodeBlocksIt() {
        List<NodeSnapshot> nodes = List.of(
                withPods(node("a100-1", false, Map.of("nvidia.com/gpu", 8L), Map.of("gpu", "a100"))),
                withPods(node("h100-1", false, Map.of("nvidia.com/gpu", 8L), Map.of("gpu", "h100")),
                        pod("a", "r", "h100-1", "Running", null, Map.of("nvidia.com/gpu", 6L))));
        PodRecord bySelector = waiting("nvidia.com/gpu", 4, new PodScheduling(0, Map.of("gpu", "h100"), List.of(), List.of()));
        PodRecord byAffinity = waiting("nvidia.com/gpu", 4, new PodScheduling(0, Map.of(), List.of(), List.of(
                new NodeSelectorTerm(List.of(new NodeSelectorRequirement("gpu", NodeSelectorRequirement.Operator.IN,
                        List.of("h100", "h200")))))));
        PendingDemand demand = new PendingDemand(cluster(nodes, bySelector, byAffinity));

        assertThat(demand.fitsAny(nodes.get(0))).isFalse();
        assertThat(demand.pods()).extracting(PendingPod::reason).containsOnly("0/2 nodes are available:"
                + " 1 Insufficient nvidia.com/gpu, 1 node(s) didn't match Pod's node affinity/selector."
                + " Needs 4 nvidia.com/gpu; the most free on a node it may use is 2 (h100-1).");
    }

    @Test
    void aPodThatFitsIsSaidToWaitForTheScheduler() {
        List<NodeSnapshot> nodes = List.of(withPods(node("n1", false, Map.of("nvidia.com/gpu", 8L), Map.of())));

        assertThat(reason(nodes, waiting("nvidia.com/gpu", 8))).isEqualTo("fits on 1 node(s) now (n1): waiting for the scheduler");
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
