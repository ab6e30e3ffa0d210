package dev.gpufleet.core.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.Taint;
import dev.gpufleet.core.model.Toleration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/// The rules every plan keeps, over random fleets ([RandomFleets]). The oracle here replays the
/// moves on its own bookkeeping and checks fit by the Kubernetes rules written out again, not
/// by the planner's code.
class RebalancePlannerPropertiesTest {

    private static RebalancePlan plan(long seed, Goal goal, int maxMoves, boolean flags) {
        RebalanceOptions options = RebalanceOptions.of(goal).withMaxMoves(maxMoves).withAllowEmptyDir(flags)
                .withKeepGpuModel(!flags).withHotThreshold(0.7);
        return RebalancePlanner.plan(RandomFleets.generate(seed), options);
    }

    @Property(tries = 400)
    void neverMovesPodsDrainWouldNotEvict(@ForAll long seed, @ForAll Goal goal,
            @ForAll @IntRange(max = 12) int maxMoves, @ForAll boolean flags) {
        for (Move move : plan(seed, goal, maxMoves, flags).moves()) {
            PodRecord pod = move.pod();
            assertThat(pod.owner()).as("unmanaged pod %s moved", pod.qualifiedName()).isNotNull();
            assertThat(pod.owner().kind()).isNotIn("DaemonSet", "Node");
            if (!flags) {
                assertThat(pod.emptyDir()).as("emptyDir pod %s moved", pod.qualifiedName()).isFalse();
            }
        }
    }

    @Property(tries = 400)
    void neverPlansABudgetViolationNorPassesTheMoveLimit(@ForAll long seed, @ForAll Goal goal,
            @ForAll @IntRange(max = 12) int maxMoves, @ForAll boolean flags) {
        RebalanceInput input = RandomFleets.generate(seed);
        RebalancePlan plan = plan(seed, goal, maxMoves, flags);
        assertThat(plan.moves()).hasSizeLessThanOrEqualTo(maxMoves);
        for (PodBudget budget : input.budgets()) {
            long evicted = plan.moves().stream().filter(m -> budget.pods().contains(m.pod().qualifiedName())).count();
            assertThat(evicted).as("evictions under %s", budget.status().describe())
                    .isLessThanOrEqualTo(Math.max(0, budget.status().disruptionsAllowed()));
        }
    }

    @Property(tries = 400)
    void neverPlacesOnANodeThatCannotFit(@ForAll long seed, @ForAll Goal goal,
            @ForAll @IntRange(max = 12) int maxMoves, @ForAll boolean flags) {
        RebalanceInput input = RandomFleets.generate(seed);
        Map<String, NodeRecord> nodes = new HashMap<>();
        Map<String, Map<String, Long>> free = new HashMap<>();
        for (NodeRecord node : input.nodes()) {
            nodes.put(node.name(), node);
            free.put(node.name(), new HashMap<>(node.gpuResources()));
        }
        Map<String, String> location = new HashMap<>();
        for (PodRecord pod : input.pods()) {
            if (pod.nodeName() != null) {
                location.put(pod.qualifiedName(), pod.nodeName());
                pod.gpuRequests().forEach((r, n) -> free.get(pod.nodeName()).merge(r, -n, Long::sum));
            }
        }
        for (Move move : plan(seed, goal, maxMoves, flags).moves()) {
            PodRecord pod = move.pod();
            NodeRecord to = nodes.get(move.to());
            assertThat(location.get(pod.qualifiedName())).as("where %s is", pod.qualifiedName()).isEqualTo(move.from());
            assertThat(to.unschedulable()).as("cordoned %s", to.name()).isFalse();
            assertThat(to.ready()).as("not ready %s", to.name()).isTrue();
            assertThat(input.nodeHealth().get(to.name())).isIn(Health.HEALTHY, Health.UNKNOWN);
            pod.gpuRequests().forEach((r, n) -> assertThat(free.get(to.name()).getOrDefault(r, 0L))
                    .as("free %s on %s for %s", r, to.name(), pod.qualifiedName()).isGreaterThanOrEqualTo(n));
            assertThat(tolerated(pod, to.taints())).as("taints of %s", to.name()).isTrue();
            pod.scheduling().nodeSelector().forEach((k, v) -> assertThat(to.labels()).containsEntry(k, v));
            pod.scheduling().requiredAffinity().forEach(term -> term.requirements().forEach(req ->
                    assertThat(req.values()).as("zone affinity").contains(to.labels().get(req.key()))));
            if (!flags) {
                assertThat(to.gpuProduct()).isEqualTo(nodes.get(move.from()).gpuProduct());
            }
            pod.gpuRequests().forEach((r, n) -> {
                free.get(move.from()).merge(r, n, Long::sum);
                free.get(move.to()).merge(r, -n, Long::sum);
            });
            location.put(pod.qualifiedName(), move.to());
        }
    }

    @Property(tries = 300)
    void defragNeverMovesAPodForAPendingPodOfLowerPriority(@ForAll long seed,
            @ForAll @IntRange(max = 12) int maxMoves) {
        RebalanceInput input = RandomFleets.generate(seed);
        Map<String, Integer> priority = new HashMap<>();
        input.pods().forEach(p -> priority.put(p.qualifiedName(), p.priority()));
        for (Move move : plan(seed, Goal.DEFRAG, maxMoves, false).moves()) {
            assertThat(move.pod().priority()).isLessThanOrEqualTo(priority.get(Objects.requireNonNull(move.makesRoomFor())));
        }
    }

    @Property(tries = 200)
    void theSameInputInAnyOrderGivesTheSamePlan(@ForAll long seed, @ForAll Goal goal,
            @ForAll @IntRange(max = 12) int maxMoves) {
        RebalanceInput input = RandomFleets.generate(seed);
        Random shuffler = new Random(seed);
        List<NodeRecord> nodes = new ArrayList<>(input.nodes());
        List<PodRecord> pods = new ArrayList<>(input.pods());
        List<PodBudget> budgets = new ArrayList<>(input.budgets());
        Collections.shuffle(nodes, shuffler);
        Collections.shuffle(pods, shuffler);
        Collections.shuffle(budgets, shuffler);
        RebalanceOptions options = RebalanceOptions.of(goal).withMaxMoves(maxMoves).withHotThreshold(0.7);

        RebalancePlan first = RebalancePlanner.plan(input, options);
        RebalancePlan again = RebalancePlanner.plan(input, options);
        RebalancePlan shuffled = RebalancePlanner.plan(
                new RebalanceInput(nodes, input.nodeHealth(), pods, budgets, input.nodeHeat()), options);

        assertThat(again).isEqualTo(first);
        assertThat(shuffled).isEqualTo(first);
    }

    /// Guards the properties above against passing vacuously: the random fleets do make plans
    /// with moves, budgets in play, pods left behind and pending pods that then fit.
    @Test
    void randomFleetsExerciseEveryRule() {
        Map<Goal, Integer> withMoves = new EnumMap<>(Goal.class);
        int budgeted = 0;
        int leftBehind = 0;
        int pendingServed = 0;
        for (long seed = 0; seed < 300; seed++) {
            for (Goal goal : Goal.values()) {
                RebalancePlan plan = plan(seed, goal, 12, false);
                withMoves.merge(goal, plan.isEmpty() ? 0 : 1, Integer::sum);
                budgeted += plan.budgetConsumption().isEmpty() ? 0 : 1;
                leftBehind += plan.leftBehind().isEmpty() ? 0 : 1;
                pendingServed += plan.moves().stream().anyMatch(m -> m.makesRoomFor() != null) ? 1 : 0;
            }
        }
        assertThat(withMoves).allSatisfy((goal, plans) -> assertThat(plans).as(goal.name()).isGreaterThan(20));
        assertThat(budgeted).isGreaterThan(10);
        assertThat(leftBehind).isGreaterThan(20);
        assertThat(pendingServed).isGreaterThan(10);
    }

    private static boolean tolerated(PodRecord pod, List<Taint> taints) {
        for (Taint taint : taints) {
            if (!taint.effect().equals("NoSchedule") && !taint.effect().equals("NoExecute")) {
                continue;
            }
            boolean ok = false;
            for (Toleration t : pod.scheduling().tolerations()) {
                ok |= Objects.equals(t.key(), taint.key()) && Objects.equals(t.value(), taint.value());
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
