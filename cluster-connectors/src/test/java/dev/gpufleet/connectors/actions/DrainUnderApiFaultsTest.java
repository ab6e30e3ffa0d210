package dev.gpufleet.connectors.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.kube.KubeClients;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.drain.DrainEvent;
import dev.gpufleet.core.drain.DrainOptions;
import dev.gpufleet.core.drain.DrainPlan;
import dev.gpufleet.core.drain.DrainReport;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import dev.gpufleet.sim.faults.FaultSwitch;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/// A drain in flight while the API server has a bad day: it rides out throttling without taking
/// it for a PodDisruptionBudget, and a restart without losing track.
class DrainUnderApiFaultsTest {

    private static final String CONTEXT = "sim";
    private static final String NODE = "gpu-a100-a-001";
    private static final DrainOptions OPTIONS = DrainOptions.defaults().withDeleteEmptyDirData(true)
            .withTimeout(Duration.ofSeconds(90));

    private SimulatorServer sim;
    private KubernetesClient client;
    private NodeDrainer drainer;
    private final List<DrainEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sim = SimulatorServer.start(new SimConfig(4, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS));
        Kubeconfig kubeconfig = Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT), "simulator kubeconfig");
        client = KubeClients.create(kubeconfig, CONTEXT, Duration.ofSeconds(2), Duration.ofSeconds(5));
        drainer = new NodeDrainer(client, CONTEXT);
    }

    @AfterEach
    void stop() {
        sim.apiFaults().clearAll();
        client.close();
        sim.close();
    }

    @Test
    void aDrainUnderA429StormCompletesAndDoesNotBlameABudget() throws Exception {
        DrainPlan plan = drainer.plan(NODE, OPTIONS, pod -> List.of());
        assertThat(plan.canProceed()).isTrue();
        sim.apiFaults().set(FaultSwitch.parse("throttle=0.5"));

        DrainReport report = drainer.drain(plan, events::add);

        assertThat(report.outcome()).as(report.message()).isEqualTo(DrainReport.Outcome.DRAINED);
        assertThat(report.gone()).hasSize(plan.removals().size());
        assertThat(events).noneMatch(DrainEvent.EvictionBlocked.class::isInstance);
        assertThat(events).noneMatch(DrainEvent.EvictionFailed.class::isInstance);
        sim.apiFaults().clearAll();
        assertThat(client.nodes().withName(NODE).get().getSpec().getUnschedulable()).isTrue();
        assertThat(podsOn(NODE)).extracting(p -> p.getMetadata().getOwnerReferences().getFirst().getKind())
                .containsOnly("DaemonSet");
    }

    @Test
    void aDrainThroughAnApiServerRestartCompletesOnceItIsBack() throws Exception {
        DrainPlan plan = drainer.plan(NODE, OPTIONS, pod -> List.of());
        sim.apiFaults().restart(Duration.ofSeconds(3), () -> { });
        Thread.sleep(100); // the server is going down

        DrainRun run = drainer.start(plan, events::add);
        DrainReport report = run.result().get(90, TimeUnit.SECONDS);

        assertThat(report.outcome()).as(report.message()).isEqualTo(DrainReport.Outcome.DRAINED);
        assertThat(report.gone()).hasSize(plan.removals().size());
        assertThat(events).first().isInstanceOf(DrainEvent.Cordoned.class);
        assertThat(podsOn(NODE)).extracting(p -> p.getMetadata().getOwnerReferences().getFirst().getKind())
                .containsOnly("DaemonSet");
    }

    private List<Pod> podsOn(String node) {
        return client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems();
    }
}
