package dev.gpufleet.core.rebalance;

import static dev.gpufleet.core.rebalance.Fleets.GPU;
import static dev.gpufleet.core.rebalance.Fleets.budget;
import static dev.gpufleet.core.rebalance.Fleets.cordoned;
import static dev.gpufleet.core.rebalance.Fleets.job;
import static dev.gpufleet.core.rebalance.Fleets.node;
import static dev.gpufleet.core.rebalance.Fleets.pending;
import static dev.gpufleet.core.rebalance.Fleets.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.Taint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// The planner on small fleets whose right answer is known by hand.
class RebalancePlannerTest {

    /// 4 nodes × 8 GPUs, each with three 2-GPU jobs: 2 GPUs free on each, 8 in all, and an
    /// 8-GPU job pending that fits nowhere.
    private static List<PodRecord> fragmented() {
        List<PodRecord> pods = new ArrayList<>();
        for (int n = 1; n <= 4; n++) {
            for (int j = 0; j < 3; j++) {
                pods.add(job("j" + n + j, "n" + n, 2));
            }
        }
        pods.add(pending("big", 8, 0));
        return pods;
    }

    private static List<NodeRecord> fourNodes() {
        return List.of(node("n1", 8), node("n2", 8), node("n3", 8), node("n4", 8));
    }

    @Test
    void defragFreesOneNodeForThePendingEightGpuJob() {
        RebalancePlan plan = RebalancePlanner.plan(new RebalanceInput(fourNodes(), Map.of(), fragmented(), List.of()),
                RebalanceOptions.of(Goal.DEFRAG));

        assertThat(plan.moves()).extracting(Move::from).containsOnly("n1");
        assertThat(plan.moves()).extracting(m -> m.pod().name()).containsExactly("j10", "j11", "j12");
        assertThat(plan.moves()).extracting(Move::to).containsExactly("n2", "n3", "n4");
        assertThat(plan.moves()).extracting(Move::step).containsExactly(1, 2, 3);
        assertThat(plan.moves()).allSatisfy(m -> assertThat(m.makesRoomFor()).isEqualTo("ml/big"));
        Effect effect = plan.effect();
        assertThat(effect.nodesFreed()).containsExactly("n1");
        assertThat(effect.pendingThatFit()).containsExactly("ml/big");
        assertThat(effect.gpusFreed()).isEqualTo(6);
        assertThat(effect.strandedBefore()).isEqualTo(8);
        assertThat(effect.strandedAfter()).isZero();
        assertThat(effect.strandedGpuHoursRecoveredPerDay()).isEqualTo(192.0);
        assertThat(plan.moveLimitReached()).isFalse();
        assertThat(plan.moves().getFirst().describe())
                .isEqualTo("1. evict ml/j10 (2 GPUs, Job/j10) from n1, expected on n2: makes room on n1 for pending ml/big (8 GPUs)");
        assertThat(plan.moves().getFirst().risk().level()).isEqualTo(Risk.Level.MEDIUM);
    }

    @Test
    void aBudgetAllowingOneDisruptionKeepsTheNodeFromBeingFreed() {
        List<PodBudget> budgets = List.of(budget("train-pdb", 1, "j10", "j11", "j12", "j20", "j21", "j22", "j30",
                "j31", "j32", "j40", "j41", "j42"));
        RebalancePlan plan = RebalancePlanner.plan(new RebalanceInput(fourNodes(), Map.of(), fragmented(), budgets),
                RebalanceOptions.of(Goal.DEFRAG));

        assertThat(plan.moves()).isEmpty();
        assertThat(plan.effect().pendingThatFit()).isEmpty();
        assertThat(plan.effect().strandedAfter()).isEqualTo(8);
    }

    @Test
    void budgetsCountAcrossTheMovesOfOnePlan() {
        // Two 8-GPU nodes, each with one 1-GPU job under the same budget (1 allowed), two pending 8-GPU jobs.
        List<PodRecord> pods = List.of(job("a", "n1", 1), job("b", "n2", 1), job("c", "n3", 6),
                pending("p1", 8, 0), pending("p2", 8, 0));
        List<NodeRecord> nodes = List.of(node("n1", 8), node("n2", 8), node("n3", 8));
        RebalancePlan plan = RebalancePlanner.plan(new RebalanceInput(nodes, Map.of(), pods,
                List.of(budget("pdb", 1, "a", "b"))), RebalanceOptions.of(Goal.DEFRAG));

        assertThat(plan.moves()).hasSize(1);
        assertThat(plan.budgetConsumption()).containsExactly(Map.entry("ml/pdb", 1L));
        assertThat(plan.moves().getFirst().risk().notes()).contains("uses the last disruption its budget allows");
        assertThat(plan.effect().pendingThatFit()).containsExactly("ml/p1");
    }

    @Test
    void theMoveLimitStopsAPlanThatNeedsMore() {
        RebalancePlan plan = RebalancePlanner.plan(new RebalanceInput(fourNodes(), Map.of(), fragmented(), List.of()),
                RebalanceOptions.of(Goal.DEFRAG).withMaxMoves(2));

        assertThat(plan.moves()).isEmpty();
        assertThat(plan.moveLimitReached()).isTrue();
    }

    @Test
    void lowerPriorityPodsMoveWhenTheyAchieveTheSame() {
        List<NodeRecord> nodes = List.of(node("n1", 8), node("n2", 8), node("n3", 8));
        List<PodRecord> pods = List.of(
                pod("important", "n1", 4, new OwnerRef("ReplicaSet", "serve-1"), 500),
                pod("batch", "n2", 4, new OwnerRef("ReplicaSet", "batch-1"), 0),
                pod("other", "n3", 4, new OwnerRef("ReplicaSet", "other-1"), 0),
                pending("big", 8, 1000));
        RebalancePlan plan = RebalancePlanner.plan(new RebalanceInput(nodes, Map.of(), pods, List.of()),
                RebalanceOptions.of(Goal.DEFRAG));

        assertThat(plan.moves()).singleElement().satisfies(move -> {
            assertThat(move.pod().name()).isEqualTo("batch");
            assertThat(move.risk().level()).isEqualTo(Risk.Level.LOW);
        });
    }

    @Test
    void podsOfHigherPriorityThanThePendingJobAreNotMovedForIt() {
        List<NodeRecord> nodes = List.of(node("n1", 8), node("n2", 8));
        List<PodRecord> pods = List.of(
                pod("serve-a", "n1", 4, new OwnerRef("ReplicaSet", "serve"), 500),
                pod("serve-b", "n2", 4, new OwnerRef("ReplicaSet", "serve"), 500),
                pending("big", 8, 0));
        RebalancePlan plan = RebalancePlanner.plan(new RebalanceInput(nodes, Map.of(), pods, List.of()),
                RebalanceOptions.of(Goal.DEFRAG));

        assertThat(plan.moves()).isEmpty();
    }

    @Test
    void pendingPodsThatFitAlreadyNeedNoMovesAndKeepTheirRoom() {
        List<NodeRecord> nodes = List.of(node("n1", 8), node("n2", 8));
        List<PodRecord> pods = List.of(job("a", "n1", 4), pending("fits", 4, 0), pending("big", 8, 0));
        RebalancePlan plan = RebalancePlanner.plan(new RebalanceInput(nodes, Map.of(), pods, List.of()),
                RebalanceOptions.of(Goal.DEFRAG));

        // "fits" takes n1's 4 free GPUs first; "big" takes the empty n2: nothing to move.
        assertThat(plan.moves()).isEmpty();
        assertThat(plan.effect().strandedBefore()).isZero();
    }

    @Test
    void evacuateMovesManagedPodsOffTheFailingNodeAndLeavesTheRest() {
        List<NodeRecord> nodes = List.of(node("n1", 8), node("n2", 8), cordoned("n3", 8),
                node("n4", Map.of(GPU, 8L), Map.of(), List.of(new Taint("dedicated", "infer", "NoSchedule"))),
                node("n5", Map.of(GPU, 8L), Map.of(NodeRecord.LABEL_GPU_PRODUCT, "NVIDIA-A100-SXM4-80GB"), List.of()));
        List<PodRecord> pods = List.of(
                job("train-a", "n1", 2),
                pod("serve", "n1", 4, new OwnerRef("ReplicaSet", "serve-1"), 100),
                pod("notebook", "n1", 1, null, 0),
                pod("exporter", "n1", 1, new OwnerRef("DaemonSet", "dcgm"), 0),
                job("busy", "n2", 2));
        RebalancePlan plan = RebalancePlanner.plan(new RebalanceInput(nodes, Map.of("n1", Health.FAILING), pods,
                List.of()), RebalanceOptions.of(Goal.EVACUATE));

        assertThat(plan.moves()).extracting(m -> m.pod().name() + "->" + m.to())
                .containsExactly("train-a->n2", "serve->n2");
        assertThat(plan.moves()).allSatisfy(m -> assertThat(m.reason()).isEqualTo("moves off n1, whose GPUs are failing"));
        assertThat(plan.leftBehind()).extracting(l -> l.pod().name() + ": " + l.reason()).containsExactly(
                "exporter: skip: managed by a DaemonSet",
                "notebook: refused: no controller owns it (allow with --force)");
    }

    @Test
    void evacuateLeavesPodsNoHealthyNodeFits() {
        List<NodeRecord> nodes = List.of(node("n1", 8), node("n2", 8));
        List<PodRecord> pods = List.of(job("wide", "n1", 6), job("busy", "n2", 4));
        RebalancePlan plan = RebalancePlanner.plan(new RebalanceInput(nodes, Map.of("n1", Health.WARNING, "n2",
                Health.HEALTHY), pods, List.of()), RebalanceOptions.of(Goal.EVACUATE));

        assertThat(plan.moves()).isEmpty();
        assertThat(plan.leftBehind()).singleElement().satisfies(l -> assertThat(l.reason()).startsWith("no healthy node fits"));
    }

    @Test
    void spreadMovesTheLowestPriorityPodOfAHotNodeToTheCoolest() {
        List<NodeRecord> nodes = List.of(node("hot", 8), node("warm", 8), node("cool", 8));
        List<PodRecord> pods = List.of(
                pod("keep", "hot", 4, new OwnerRef("ReplicaSet", "keep-1"), 100),
                pod("go", "hot", 2, new OwnerRef("ReplicaSet", "go-1"), 0),
                job("w", "warm", 2));
        RebalancePlan plan = RebalancePlanner.plan(new RebalanceInput(nodes, Map.of(), pods, List.of(),
                Map.of("hot", 0.97, "warm", 0.5, "cool", 0.1)), RebalanceOptions.of(Goal.SPREAD));

        assertThat(plan.moves()).singleElement().satisfies(move -> {
            assertThat(move.pod().name()).isEqualTo("go");
            assertThat(move.to()).isEqualTo("cool");
            assertThat(move.reason()).isEqualTo("cools hot (heat 0.97) toward cool (heat 0.10)");
        });
    }

    @Test
    void migProfilesAreResourcesOfTheirOwn() {
        String mig = "nvidia.com/mig-1g.10gb";
        List<NodeRecord> nodes = List.of(node("m1", Map.of(mig, 7L), Map.of(), List.of()),
                node("m2", Map.of(mig, 7L), Map.of(), List.of()), node("plain", 8));
        List<PodRecord> pods = List.of(
                new PodRecord("ml", "small", "m1", "Running", new OwnerRef("Job", "small"), Map.of(mig, 1L)),
                new PodRecord("ml", "nb", "m2", "Running", new OwnerRef("Job", "nb"), Map.of(mig, 3L)));
        RebalancePlan plan = RebalancePlanner.plan(new RebalanceInput(nodes, Map.of("m1", Health.FAILING), pods,
                List.of()), RebalanceOptions.of(Goal.EVACUATE));

        assertThat(plan.moves()).singleElement().satisfies(m -> assertThat(m.to()).isEqualTo("m2"));
    }

    @Test
    void duplicateNodesAndPodsAreNamed() {
        assertThatThrownBy(() -> RebalancePlanner.plan(new RebalanceInput(List.of(node("n1", 8), node("n1", 4)),
                Map.of(), List.of(), List.of()), RebalanceOptions.of(Goal.DEFRAG)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Node n1 appears twice");
        assertThatThrownBy(() -> RebalancePlanner.plan(new RebalanceInput(List.of(node("n1", 8)), Map.of(),
                List.of(job("a", "n1", 1), job("a", "n1", 2)), List.of()), RebalanceOptions.of(Goal.DEFRAG)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Pod ml/a appears twice");
        assertThatThrownBy(() -> Goal.parse("pack")).hasMessageContaining("use defrag, evacuate or spread");
        assertThatThrownBy(() -> RebalanceOptions.of(Goal.DEFRAG).withMaxMoves(-1))
                .hasMessageContaining("must not be negative");
    }
}
