package dev.gpufleet.sim.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.sim.fleet.FleetPlanner;
import dev.gpufleet.sim.fleet.SimClock;
import dev.gpufleet.sim.store.Selection;
import dev.gpufleet.sim.store.WatchEvent;
import dev.gpufleet.sim.store.WatchSubscription;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/// Graceful deletion, owners' replacements, the scheduler and the disruption budgets, driven
/// tick by tick on a hand-moved clock (4 nodes, seed 42: `gpu-a100-a-001` is cordoned, the MIG
/// slices `nvidia.com/mig-1g.10gb` exist only on `gpu-h100-b-001`).
class PodControllersTest {

    private static final String A100 = "gpu-a100-a-001";
    private static final String MIG_NODE = "gpu-h100-b-001";

    private Instant now = Instant.parse("2025-06-02T09:00:00Z");
    private SimulatedCluster cluster;

    @BeforeEach
    void plan() {
        cluster = new SimulatedCluster(FleetPlanner.plan(4, 0, 8, 42), new SimClock(new InstantSource() {
            @Override
            public Instant instant() {
                return now;
            }
        }));
    }

    private void tick(Duration step) {
        now = now.plus(step);
        cluster.advancePods();
    }

    private List<Pod> pods(String namespace, String prefix) {
        List<Pod> found = new ArrayList<>();
        cluster.pods().list(namespace, Selection.everything(), 0, null, p -> {
            if (p.getMetadata().getName().startsWith(prefix)) {
                found.add(p);
            }
        });
        return found;
    }

    private Pod onNode(String namespace, String prefix, String node) {
        return pods(namespace, prefix).stream().filter(p -> node.equals(p.getSpec().getNodeName())).findFirst().orElseThrow();
    }

    private List<Event> events(String reason, String involvedName) {
        List<Event> found = new ArrayList<>();
        cluster.events().list(null, Selection.everything(), 0, null, e -> {
            if (reason.equals(e.getReason()) && involvedName.equals(e.getInvolvedObject().getName())) {
                found.add(e);
            }
        });
        return found;
    }

    private PodDisruptionBudget pdb(String name) {
        return cluster.pdbs().require("inference", name);
    }

    private void setUnschedulable(String node, boolean unschedulable) {
        cluster.nodes().update("", node, n -> {
            Node next = new NodeBuilder(n).build();
            next.getSpec().setUnschedulable(unschedulable);
            return next;
        });
        cluster.nodeSchedulingChanged(node, unschedulable);
    }

    private static String condition(Pod pod, String type) {
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType()))
                .map(PodCondition::getStatus).findFirst().orElse("");
    }

    @Test
    void aDeletedPodIsTerminatingForItsShutdownTimeThenGoneAndWatchersSeeBoth() throws Exception {
        Pod pod = onNode("inference", "vllm-gemma2-9b", A100);
        String name = pod.getMetadata().getName();
        try (WatchSubscription watch = cluster.pods().subscribe(-1)) {
            Pod terminating = cluster.terminations().delete("inference", name, null);

            assertThat(terminating.getMetadata().getDeletionTimestamp()).isEqualTo("2025-06-02T09:00:30Z");
            assertThat(terminating.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(30L);
            tick(Duration.ofMillis(900));
            assertThat(cluster.pods().get("inference", name)).isNotNull();
            tick(Duration.ofMillis(2_200));
            assertThat(cluster.pods().get("inference", name)).isNull();

            WatchEvent modified = watch.next(1_000);
            WatchEvent deleted = watch.next(1_000);
            assertThat(modified.type()).isEqualTo("MODIFIED");
            assertThat(modified.object().getMetadata().getName()).isEqualTo(name);
            assertThat(deleted.type()).isEqualTo("DELETED");
            assertThat(deleted.object().getMetadata().getName()).isEqualTo(name);
        }
        assertThat(events("Killing", name)).singleElement().satisfies(e -> {
            assertThat(e.getMessage()).isEqualTo("Stopping container " + pod.getSpec().getContainers().getFirst().getName());
            assertThat(e.getSource().getHost()).isEqualTo(A100);
        });
    }

    @Test
    void theShutdownTimeIsTheSameEveryRunAndNeverLongerThanTheGrace() {
        Pod pod = onNode("inference", "vllm-gemma2-9b", A100);
        String name = pod.getMetadata().getName();
        long shutdown = cluster.terminations().shutdownMillis(pod);
        assertThat(shutdown).isBetween(1_000L, 3_000L);

        cluster.terminations().delete("inference", name, 1L);
        tick(Duration.ofMillis(999));
        assertThat(cluster.pods().get("inference", name)).isNotNull();
        tick(Duration.ofMillis(1));
        assertThat(cluster.pods().get("inference", name)).isNull();
        plan();
        assertThat(cluster.terminations().shutdownMillis(onNode("inference", "vllm-gemma2-9b", A100))).isEqualTo(shutdown);
    }

    @Test
    void graceZeroAndPodsThatAreNotRunningOnANodeGoAtOnce() {
        String running = onNode("inference", "vllm-gemma2-9b", A100).getMetadata().getName();
        String pending = pods("inference", "vllm-mistral-7b").stream().filter(p -> p.getSpec().getNodeName() == null)
                .findFirst().orElseThrow().getMetadata().getName();

        assertThat(cluster.terminations().delete("inference", running, 0L).getMetadata().getDeletionTimestamp()).isNull();
        cluster.terminations().delete("inference", pending, null);

        assertThat(cluster.pods().get("inference", running)).isNull();
        assertThat(cluster.pods().get("inference", pending)).isNull();
    }

    // The fleet is packed: make room for one GPU pod on the L40S node, whose notebook's
    // StatefulSet is deleted first so that nothing replaces it.
    private void freeOneL40sGpu() {
        cluster.store("apps", "v1", "statefulsets").delete("notebooks", "jupyter-hiro");
        cluster.terminations().delete("notebooks", "jupyter-hiro-0", 0L);
        assertThat(pods("notebooks", "jupyter-hiro")).isEmpty();
    }

    @Test
    void aReplicaSetReplacesItsPodUnderANewNameOnASchedulableNodeThatHasRoom() {
        freeOneL40sGpu();
        Pod old = onNode("inference", "vllm-gemma2-9b", A100);
        String rs = old.getMetadata().getOwnerReferences().getFirst().getName();
        cluster.terminations().delete("inference", old.getMetadata().getName(), null);
        tick(Duration.ofSeconds(3));

        List<Pod> now = pods("inference", rs + "-");
        assertThat(now).hasSize(1);
        Pod replacement = now.getFirst();
        assertThat(replacement.getMetadata().getName()).matches(rs + "-[a-z0-9]{5}").isNotEqualTo(old.getMetadata().getName());
        assertThat(replacement.getMetadata().getLabels()).isEqualTo(old.getMetadata().getLabels());
        assertThat(replacement.getMetadata().getOwnerReferences()).isEqualTo(old.getMetadata().getOwnerReferences());
        assertThat(replacement.getSpec().getNodeName()).isEqualTo("gpu-l40s-a-001");
        assertThat(replacement.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(events("SuccessfulCreate", rs)).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).isEqualTo("Created pod: " + replacement.getMetadata().getName()))
                .satisfies(e -> assertThat(e.getInvolvedObject().getKind()).isEqualTo("ReplicaSet"));
        assertThat(events("Scheduled", replacement.getMetadata().getName())).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).isEqualTo("Successfully assigned inference/"
                        + replacement.getMetadata().getName() + " to " + replacement.getSpec().getNodeName()));

        tick(Duration.ofMillis(1_100));
        Pod running = cluster.pods().require("inference", replacement.getMetadata().getName());
        assertThat(running.getStatus().getPhase()).isEqualTo("Running");
        assertThat(condition(running, "Ready")).isEqualTo("True");
    }

    @Test
    void aStatefulSetPodComesBackUnderItsNameWithANewUid() {
        Pod old = cluster.pods().require("notebooks", "jupyter-dave-0");
        cluster.terminations().delete("notebooks", "jupyter-dave-0", null);
        tick(Duration.ofSeconds(3));

        Pod back = cluster.pods().require("notebooks", "jupyter-dave-0");
        assertThat(back.getMetadata().getUid()).isNotEqualTo(old.getMetadata().getUid());
        assertThat(back.getMetadata().getDeletionTimestamp()).isNull();
        // Every other GPU is taken: it waits, as the real scheduler would leave it.
        assertThat(back.getSpec().getNodeName()).isNull();
        assertThat(back.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(events("SuccessfulCreate", "jupyter-dave")).extracting(Event::getMessage)
                .containsExactly("create Pod jupyter-dave-0 in StatefulSet jupyter-dave successful");
    }

    @Test
    void anUnfinishedJobPodIsReplacedUnderANewName() {
        Pod old = pods("ml-training", "gemma2-27b-pretrain").getFirst();
        cluster.terminations().delete("ml-training", old.getMetadata().getName(), null);
        tick(Duration.ofSeconds(3));

        assertThat(pods("ml-training", "gemma2-27b-pretrain")).singleElement()
                .satisfies(p -> assertThat(p.getMetadata().getName()).startsWith(old.getMetadata().getGenerateName())
                        .isNotEqualTo(old.getMetadata().getName()));
        assertThat(events("SuccessfulCreate", "gemma2-27b-pretrain-8706")).hasSize(1);
    }

    @Test
    void aDaemonSetPodComesBackOnItsNodeOnlyWhileTheNodeIsSchedulable() {
        Pod onCordoned = pods("gpu-operator", "nvidia-dcgm-exporter").stream()
                .filter(p -> A100.equals(p.getSpec().getNodeName())).findFirst().orElseThrow();
        Pod onOpen = pods("gpu-operator", "nvidia-dcgm-exporter").stream()
                .filter(p -> MIG_NODE.equals(p.getSpec().getNodeName())).findFirst().orElseThrow();
        cluster.terminations().delete("gpu-operator", onCordoned.getMetadata().getName(), null);
        cluster.terminations().delete("gpu-operator", onOpen.getMetadata().getName(), null);
        tick(Duration.ofSeconds(3));

        List<Pod> exporters = pods("gpu-operator", "nvidia-dcgm-exporter");
        assertThat(exporters).noneMatch(p -> A100.equals(p.getSpec().getNodeName()));
        assertThat(exporters).filteredOn(p -> MIG_NODE.equals(p.getSpec().getNodeName())).singleElement()
                .satisfies(p -> assertThat(p.getMetadata().getUid()).isNotEqualTo(onOpen.getMetadata().getUid()));
    }

    @Test
    void aReplacementThatFitsNowhereIsUnschedulableWithOneEventUntilItsNodeReopens() {
        setUnschedulable(MIG_NODE, true);
        Pod old = pods("inference", "reranker-minilm-1g-10gb").getFirst();
        String rs = old.getMetadata().getOwnerReferences().getFirst().getName();
        cluster.terminations().delete("inference", old.getMetadata().getName(), null);
        tick(Duration.ofSeconds(3));
        for (int i = 0; i < 5; i++) {
            tick(Duration.ofMillis(600));
        }

        Pod waiting = pods("inference", rs + "-").stream().filter(p -> p.getSpec().getNodeName() == null)
                .findFirst().orElseThrow();
        PodCondition scheduled = waiting.getStatus().getConditions().stream()
                .filter(c -> "PodScheduled".equals(c.getType())).findFirst().orElseThrow();
        assertThat(scheduled.getStatus()).isEqualTo("False");
        assertThat(scheduled.getReason()).isEqualTo("Unschedulable");
        assertThat(scheduled.getMessage()).isEqualTo(
                "0/4 nodes are available: 2 Insufficient nvidia.com/mig-1g.10gb, 2 node(s) were unschedulable.");
        assertThat(events("FailedScheduling", waiting.getMetadata().getName())).singleElement()
                .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));

        setUnschedulable(MIG_NODE, false);
        tick(Duration.ofSeconds(1));
        assertThat(cluster.pods().require("inference", waiting.getMetadata().getName()).getSpec().getNodeName())
                .isEqualTo(MIG_NODE);
    }

    @Test
    void budgetsCountOnlyRunningReadyPodsThatAreNotTerminating() {
        setUnschedulable(MIG_NODE, true);
        assertThat(pdb("reranker-minilm-1g-10gb-pdb").getStatus().getDisruptionsAllowed()).isEqualTo(1);
        Pod old = pods("inference", "reranker-minilm-1g-10gb").getFirst();
        cluster.terminations().delete("inference", old.getMetadata().getName(), null);
        tick(Duration.ofMillis(200));

        var terminating = pdb("reranker-minilm-1g-10gb-pdb").getStatus();
        assertThat(terminating.getCurrentHealthy()).isEqualTo(3);
        assertThat(terminating.getDesiredHealthy()).isEqualTo(3);
        assertThat(terminating.getDisruptionsAllowed()).isZero();
        assertThat(terminating.getExpectedPods()).isEqualTo(4);

        tick(Duration.ofSeconds(3));
        assertThat(pdb("reranker-minilm-1g-10gb-pdb").getStatus().getDisruptionsAllowed()).isZero();
        setUnschedulable(MIG_NODE, false);
        tick(Duration.ofSeconds(1));
        tick(Duration.ofMillis(1_100));

        var recovered = pdb("reranker-minilm-1g-10gb-pdb").getStatus();
        assertThat(recovered.getCurrentHealthy()).isEqualTo(4);
        assertThat(recovered.getDisruptionsAllowed()).isEqualTo(1);
        assertThat(recovered.getConditions().getFirst().getStatus()).isEqualTo("True");
    }
}
