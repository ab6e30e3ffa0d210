package dev.gpufleet.connectors.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.connectors.kube.KubeClients;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.drain.Disposition;
import dev.gpufleet.core.drain.DrainEvent;
import dev.gpufleet.core.drain.DrainOptions;
import dev.gpufleet.core.drain.DrainPlan;
import dev.gpufleet.core.drain.DrainReport;
import dev.gpufleet.core.drain.GpuPlacement;
import dev.gpufleet.core.drain.PlannedPod;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/// Drains over real HTTP against the simulated API server (4 nodes, seed 42: `gpu-a100-a-001`
/// has no pod under a budget; on `gpu-h100-b-001` the budget `vllm-mistral-7b-pdb` allows no
/// disruption, and it never will: the simulator's ReplicaSets replace evicted pods, but every
/// other node's GPUs are taken and the MIG slices exist only on the drained node, so the
/// replacements stay Pending and the budgets never recover). Notebooks mount an `emptyDir` at
/// `/dev/shm`, so draining them needs `deleteEmptyDirData`.
class NodeDrainerTest {

    private static final String CONTEXT = "sim";
    private static final String FREE_NODE = "gpu-a100-a-001";
    private static final String BUDGETED_NODE = "gpu-h100-b-001";
    private static final DrainOptions LOSE_SHM = DrainOptions.defaults().withDeleteEmptyDirData(true);

    private SimulatorServer sim;
    private KubernetesClient client;
    private NodeDrainer drainer;
    private final List<DrainEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sim = SimulatorServer.start(new SimConfig(4, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS));
        Kubeconfig kubeconfig = Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT), "simulator kubeconfig");
        client = KubeClients.create(kubeconfig, CONTEXT, Duration.ofSeconds(5), Duration.ofSeconds(10));
        drainer = new NodeDrainer(client, CONTEXT);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    private List<Pod> podsOn(String node) {
        return client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems();
    }

    private List<String> ownerKindsOn(String node) {
        return podsOn(node).stream().map(p -> p.getMetadata().getOwnerReferences().getFirst().getKind()).distinct().toList();
    }

    @Test
    void aDrainCordonsEvictsAllButDaemonSetPodsAndWaitsForThemToGo() throws Exception {
        DrainPlan plan = drainer.plan(FREE_NODE, LOSE_SHM, pod -> List.of());
        assertThat(plan.canProceed()).isTrue();
        assertThat(plan.blockingBudgets()).isEmpty();
        assertThat(plan.removalsByKind()).containsKeys("ReplicaSet", "StatefulSet");
        assertThat(plan.skipped()).isNotEmpty().allSatisfy(p -> assertThat(p.disposition()).isEqualTo(Disposition.SKIP_DAEMONSET));

        DrainReport report = drainer.drain(plan, events::add);

        assertThat(report.outcome()).isEqualTo(DrainReport.Outcome.DRAINED);
        assertThat(report.gone()).hasSize(plan.removals().size());
        assertThat(report.message()).contains("drained");
        assertThat(client.nodes().withName(FREE_NODE).get().getSpec().getUnschedulable()).isTrue();
        assertThat(ownerKindsOn(FREE_NODE)).containsOnly("DaemonSet");
        // This node is cordoned in the seed already (a faulty GPU); the drain says so.
        assertThat(events).first().isEqualTo(new DrainEvent.Cordoned(FREE_NODE, true));
        assertThat(events).filteredOn(DrainEvent.PodGone.class::isInstance).hasSize(plan.removals().size());
        // The owners replace what was evicted; nothing lands on the cordoned node.
        String notebookUid = plan.removals().stream().filter(p -> p.pod().name().equals("jupyter-dave-0"))
                .findFirst().orElseThrow().pod().uid();
        Pod notebook = client.pods().inNamespace("notebooks").withName("jupyter-dave-0").get();
        assertThat(notebook.getMetadata().getUid()).isNotEqualTo(notebookUid);
        assertThat(notebook.getSpec().getNodeName()).isNotEqualTo(FREE_NODE);
    }

    @Test
    void aBudgetThatAllowsNoDisruptionIsNamedRetriedAndTheDrainTimesOutCordoned() throws Exception {
        DrainPlan plan = drainer.plan(BUDGETED_NODE, LOSE_SHM.withTimeout(Duration.ofSeconds(7)),
                pod -> List.of());
        // vllm-mistral-7b allows none; the other two allow one each but have more pods here.
        assertThat(plan.blockingBudgets()).extracting(b -> b.name())
                .containsExactly("reranker-minilm-1g-10gb-pdb", "resnet50-classify-1g-10gb-pdb", "vllm-mistral-7b-pdb");
        assertThat(plan.blockingBudgets().getLast().describe()).contains("allows 0 disruptions");
        long underBudgets = plan.blockingBudgets().stream().mapToLong(plan::evictionsUnder).sum();
        long allowed = plan.blockingBudgets().stream().mapToLong(b -> b.disruptionsAllowed()).sum();

        DrainReport report = drainer.drain(plan, events::add);

        assertThat(report.outcome()).isEqualTo(DrainReport.Outcome.TIMED_OUT);
        assertThat(report.remaining()).hasSize((int) (underBudgets - allowed))
                .allSatisfy(name -> assertThat(name).containsAnyOf("vllm-mistral-7b", "reranker-minilm", "resnet50-classify"));
        assertThat(report.message()).contains("stays cordoned");
        List<DrainEvent.EvictionBlocked> blocked = events.stream()
                .filter(DrainEvent.EvictionBlocked.class::isInstance).map(DrainEvent.EvictionBlocked.class::cast).toList();
        assertThat(blocked).allSatisfy(e -> assertThat(e.reason()).contains("The disruption budget").contains("-pdb"));
        assertThat(blocked).anySatisfy(e -> assertThat(e.reason()).contains("vllm-mistral-7b-pdb"));
        // Asked again after the 5 s backoff: every blocked pod was tried at least twice in 7 s.
        assertThat(blocked).anySatisfy(e -> assertThat(e.attempt()).isEqualTo(2));
        assertThat(client.nodes().withName(BUDGETED_NODE).get().getSpec().getUnschedulable()).isTrue();
        assertThat(podsOn(BUDGETED_NODE)).extracting(p -> p.getMetadata().getName())
                .filteredOn(name -> name.startsWith("vllm-mistral-7b")).hasSize(3);
    }

    @Test
    void aDryRunChangesNothingAndSaysWhatABudgetWouldRefuse() throws Exception {
        int before = podsOn(BUDGETED_NODE).size();
        DrainPlan plan = drainer.plan(BUDGETED_NODE, LOSE_SHM.withDryRun(true), pod -> List.of());

        DrainReport report = drainer.drain(plan, events::add);

        assertThat(report.outcome()).isEqualTo(DrainReport.Outcome.DRY_RUN);
        // Each budget lets one pod go in a dry run (nothing is spent), so every pod it covers
        // but vllm-mistral-7b's passes; those three would be refused now.
        assertThat(report.remaining()).hasSize(3).allSatisfy(name -> assertThat(name).contains("vllm-mistral-7b"));
        assertThat(report.message()).contains("Nothing was changed").contains("vllm-mistral-7b");
        assertThat(podsOn(BUDGETED_NODE)).hasSize(before);
        assertThat(client.nodes().withName(BUDGETED_NODE).get().getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void cancellingMidDrainStopsAndLeavesTheNodeCordoned() throws Exception {
        DrainPlan plan = drainer.plan(BUDGETED_NODE, LOSE_SHM, pod -> List.of());
        DrainRun run = drainer.start(plan, event -> {
            events.add(event);
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (events.stream().noneMatch(DrainEvent.EvictionBlocked.class::isInstance) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        run.cancel();
        DrainReport report = run.result().get(10, TimeUnit.SECONDS);

        assertThat(report.outcome()).isEqualTo(DrainReport.Outcome.CANCELLED);
        assertThat(report.remaining()).isNotEmpty();
        assertThat(report.message()).contains("cordoned");
        assertThat(client.nodes().withName(BUDGETED_NODE).get().getSpec().getUnschedulable()).isTrue();
    }

    @Test
    void aDrainLimitedToOneGpuTakesOnlyThePodsTelemetryPutsOnIt() throws Exception {
        Pod chosen = podsOn(FREE_NODE).stream()
                .filter(p -> p.getMetadata().getNamespace().equals("notebooks")).findFirst().orElseThrow();
        String chosenName = chosen.getMetadata().getNamespace() + "/" + chosen.getMetadata().getName();
        DrainPlan plan = drainer.plan(FREE_NODE, LOSE_SHM.withScope(DrainOptions.GpuScope.gpu(3)),
                pod -> pod.equals(chosenName) ? List.of(new GpuPlacement(3, OptionalInt.empty(), "A100")) : List.of());

        assertThat(plan.removals()).extracting(p -> p.pod().qualifiedName()).containsExactly(chosenName);
        DrainReport report = drainer.drain(plan, events::add);

        assertThat(report.gone()).containsExactly(chosenName);
        assertThat(podsOn(FREE_NODE)).extracting(p -> p.getMetadata().getName())
                .doesNotContain(chosen.getMetadata().getName())
                .anySatisfy(name -> assertThat(name).startsWith("jupyter"));
    }

    @Test
    void emptyDirAndUnmanagedPodsAreRefusedAndAStaticPodsMirrorIsSkipped() throws Exception {
        DrainPlan notebooks = drainer.plan(FREE_NODE, DrainOptions.defaults(), pod -> List.of());
        DrainPlan debugShell = drainer.plan("gpu-l40s-a-001", LOSE_SHM, pod -> List.of());
        DrainPlan withMirror = drainer.plan(BUDGETED_NODE, LOSE_SHM, pod -> List.of());

        assertThat(notebooks.canProceed()).isFalse();
        assertThat(notebooks.blocking()).hasSize(4).allSatisfy(p -> {
            assertThat(p.disposition()).isEqualTo(Disposition.REFUSE_EMPTYDIR);
            assertThat(p.pod().namespace()).isEqualTo("notebooks");
        });
        assertThat(debugShell.blocking()).singleElement().satisfies(p -> {
            assertThat(p.disposition()).isEqualTo(Disposition.REFUSE_UNMANAGED);
            assertThat(p.pod().name()).startsWith("debug-gpu-l40s-a-001-");
        });
        assertThat(withMirror.canProceed()).isTrue();
        assertThat(withMirror.skipped()).filteredOn(p -> p.disposition() == Disposition.SKIP_MIRROR).singleElement()
                .satisfies(p -> assertThat(p.pod().qualifiedName()).isEqualTo("kube-system/apiserver-lb-" + BUDGETED_NODE));
    }

    @Test
    void aNodeThatDoesNotExistIsNamedWithWhereToLook() {
        assertThatThrownBy(() -> drainer.plan("gpu-nope-001", DrainOptions.defaults(), pod -> List.of()))
                .isInstanceOf(ActionException.class)
                .hasMessageContaining("gpu-nope-001")
                .hasMessageContaining("kubectl get nodes");
    }

    @Test
    void everyPodIsPlannedOnceInNameOrder() throws Exception {
        DrainPlan plan = drainer.plan(BUDGETED_NODE, DrainOptions.defaults(), pod -> List.of());

        assertThat(plan.pods()).hasSize(podsOn(BUDGETED_NODE).size());
        assertThat(plan.pods().stream().map(PlannedPod::pod).map(p -> p.qualifiedName()).toList()).isSorted();
    }
}
