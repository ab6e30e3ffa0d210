package dev.gpufleet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/// A pod created through the API and pinned to a node runs `nvidia-smi` there: Pending, Running,
/// Succeeded on the simulator clock, with the node's board in its logs.
@Timeout(60)
class PodRunTest {

    private static final SteppedClock CLOCK = new SteppedClock();
    private static SimulatorServer sim;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        sim = SimulatorServer.start(SimConfig.defaults(), CLOCK);
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(sim.kubeconfigYaml(SimulatorServer.DEFAULT_CONTEXT))).build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private static Pod probe(String name, String node, String... command) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withNodeName(node).withRestartPolicy("Never").withRuntimeClassName("nvidia")
                .addNewContainer().withName("nvidia-smi").withImage("nvcr.io/nvidia/cuda:12.4.1-base-ubuntu22.04")
                .withCommand(command).endContainer().endSpec().build();
    }

    private static String phase(String name) {
        return client.pods().inNamespace("default").withName(name).get().getStatus().getPhase();
    }

    @Test
    void pinnedNvidiaSmiPodRunsToCompletionAndPrintsTheH100Board() {
        Pod created = client.pods().inNamespace("default").resource(probe("topo-h100", "gpu-h100-a-001",
                "nvidia-smi", "topo", "-m")).create();

        assertThat(created.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(created.getStatus().getContainerStatuses().getFirst().getState().getWaiting().getReason())
                .isEqualTo("ContainerCreating");
        assertThatThrownBy(() -> client.pods().inNamespace("default").withName("topo-h100").getLog())
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("ContainerCreating");

        CLOCK.advance(Duration.ofMillis(1_100));
        assertThat(phase("topo-h100")).isEqualTo("Running");
        CLOCK.advance(Duration.ofSeconds(1));
        client.pods().inNamespace("default").withName("topo-h100")
                .waitUntilCondition(p -> "Succeeded".equals(p.getStatus().getPhase()), 10, TimeUnit.SECONDS);
        Pod done = client.pods().inNamespace("default").withName("topo-h100").get();
        assertThat(done.getStatus().getContainerStatuses().getFirst().getState().getTerminated().getExitCode()).isZero();

        String log = client.pods().inNamespace("default").withName("topo-h100").getLog();
        assertThat(log).contains("\u001B[4m\tGPU0".substring(5)).contains("GPU0\t X \tNV18\tNV18")
                .contains("\t0-47,96-143\t0\t\tN/A").contains("GPU7\tNV18").contains("Legend:");
        List<Event> events = client.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> "topo-h100".equals(e.getInvolvedObject().getName())).toList();
        assertThat(events).extracting(Event::getReason).containsExactly("Pulled", "Created", "Started");

        assertThat(client.pods().inNamespace("default").withName("topo-h100").delete()).hasSize(1);
        assertThat(client.pods().inNamespace("default").withName("topo-h100").get()).isNull();
    }

    @Test
    void l40sBoardIsPcieAndTheListNamesEveryGpu() {
        client.pods().inNamespace("default").resource(probe("topo-l40s", "gpu-l40s-a-001",
                "sh", "-c", "nvidia-smi -L; nvidia-smi topo -m")).create();
        CLOCK.advance(Duration.ofSeconds(3));
        client.pods().inNamespace("default").withName("topo-l40s")
                .waitUntilCondition(p -> "Succeeded".equals(p.getStatus().getPhase()), 10, TimeUnit.SECONDS);

        String log = client.pods().inNamespace("default").withName("topo-l40s").getLog();
        assertThat(log.indexOf("GPU 0: NVIDIA L40S (UUID: GPU-")).isZero();
        assertThat(log).contains("GPU 7: NVIDIA L40S").contains("GPU0\t X \tNODE\tNODE\tNODE\tSYS\tSYS\tSYS\tSYS\t");
        client.pods().inNamespace("default").withName("topo-l40s").delete();
    }

    @Test
    void aPodWithoutANodeThatToleratesNoGpuTaintStaysPendingAsUnschedulable() {
        Pod pod = probe("unpinned", null, "nvidia-smi", "topo", "-m");
        Pod created = client.pods().inNamespace("default").resource(pod).create();
        CLOCK.advance(Duration.ofSeconds(5));

        Pod seen = client.pods().inNamespace("default").withName("unpinned").waitUntilCondition(
                p -> p.getStatus().getConditions() != null && !p.getStatus().getConditions().isEmpty(), 10, TimeUnit.SECONDS);
        assertThat(created.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(seen.getStatus().getPhase()).isEqualTo("Pending");
        var scheduled = seen.getStatus().getConditions().getFirst();
        assertThat(scheduled.getType()).isEqualTo("PodScheduled");
        assertThat(scheduled.getReason()).isEqualTo("Unschedulable");
        int nodes = client.nodes().list().getItems().size();
        assertThat(scheduled.getMessage()).startsWith("0/" + nodes + " nodes are available: ")
                .contains("node(s) had untolerated taint {nvidia.com/gpu: true}");
        client.pods().inNamespace("default").withName("unpinned").withGracePeriod(0).delete();
    }

    @Test
    void aPodThatAsksForAGpuAndToleratesTheTaintIsScheduledAndRuns() {
        Pod pod = new PodBuilder(probe("placed", null, "nvidia-smi", "-L")).editSpec()
                .addNewToleration().withKey("nvidia.com/gpu").withOperator("Exists").withEffect("NoSchedule").endToleration()
                .editFirstContainer().withNewResources().addToLimits("nvidia.com/gpu", new Quantity("1")).endResources()
                .endContainer().endSpec().build();
        client.pods().inNamespace("default").resource(pod).create();

        Pod bound = client.pods().inNamespace("default").withName("placed").waitUntilCondition(
                p -> p.getSpec().getNodeName() != null, 10, TimeUnit.SECONDS);
        assertThat(client.nodes().withName(bound.getSpec().getNodeName()).get().getSpec().getUnschedulable())
                .isNotEqualTo(Boolean.TRUE);
        assertThat(client.nodes().withName(bound.getSpec().getNodeName()).get().getStatus().getAllocatable())
                .containsKey("nvidia.com/gpu");
        CLOCK.advance(Duration.ofMillis(1_100));
        client.pods().inNamespace("default").withName("placed")
                .waitUntilCondition(p -> "Running".equals(p.getStatus().getPhase())
                        || "Succeeded".equals(p.getStatus().getPhase()), 10, TimeUnit.SECONDS);
        List<Event> events = client.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> "placed".equals(e.getInvolvedObject().getName())).toList();
        assertThat(events).extracting(Event::getReason).containsExactlyInAnyOrder("Scheduled", "Pulled", "Created", "Started");
        assertThat(events).filteredOn(e -> e.getReason().equals("Scheduled")).singleElement()
                .satisfies(e -> assertThat(e.getMessage())
                        .isEqualTo("Successfully assigned default/placed to " + bound.getSpec().getNodeName()));
        client.pods().inNamespace("default").withName("placed").withGracePeriod(0).delete();
    }
}
