package dev.gpufleet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/// The simulator as the fabric8 client sees it, configured from the generated kubeconfig only.
@Timeout(60)
class Fabric8ClientTest {

    private static SimulatorServer sim;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        sim = SimulatorServer.start(SimConfig.defaults());
        Config config = Config.fromKubeconfig(sim.kubeconfigYaml(SimulatorServer.DEFAULT_CONTEXT));
        client = new KubernetesClientBuilder().withConfig(config).build();
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

    @Test
    void listsAllNodesWithGpuLabelsAndCapacity() {
        List<Node> nodes = client.nodes().list().getItems();

        assertThat(nodes).hasSize(64);
        Node h100 = nodes.stream().filter(n -> n.getMetadata().getName().equals("gpu-h100-a-001")).findFirst().orElseThrow();
        assertThat(h100.getMetadata().getLabels())
                .containsEntry("nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3")
                .containsEntry("nvidia.com/gpu.count", "8")
                .containsEntry("nvidia.com/mig.strategy", "none")
                .containsEntry("gpufleet.dev/pool", "h100-a");
        assertThat(h100.getStatus().getCapacity().get("nvidia.com/gpu").getAmount()).isEqualTo("8");
        assertThat(h100.getStatus().getNodeInfo().getKubeletVersion()).startsWith("v1.31.");
        assertThat(nodes).anySatisfy(n -> assertThat(n.getMetadata().getLabels())
                .containsEntry("nvidia.com/mig.strategy", "mixed"));
        assertThat(nodes).anySatisfy(n -> assertThat(n.getMetadata().getLabels())
                .containsEntry("nvidia.com/mig.strategy", "single"));
    }

    @Test
    void listsPodsInAllNamespacesWithOwnersAndGpuRequests() {
        PodList pods = client.pods().inAnyNamespace().list();

        assertThat(pods.getItems()).hasSizeGreaterThan(64 * 4);
        assertThat(pods.getMetadata().getResourceVersion()).isNotBlank();
        // One unmanaged debug pod, for drains to refuse; every other pod has its controller.
        assertThat(pods.getItems()).filteredOn(p -> p.getMetadata().getOwnerReferences().isEmpty()).singleElement()
                .satisfies(p -> assertThat(p.getMetadata().getName()).startsWith("debug-"));
        assertThat(pods.getItems()).filteredOn(p -> !p.getMetadata().getOwnerReferences().isEmpty())
                .allSatisfy(p -> assertThat(p.getMetadata().getOwnerReferences()).hasSize(1))
                .extracting(p -> p.getMetadata().getOwnerReferences().getFirst().getKind())
                .contains("Job", "ReplicaSet", "StatefulSet", "DaemonSet", "Node");
        assertThat(pods.getItems()).filteredOn(p -> p.getMetadata().getAnnotations() != null
                && p.getMetadata().getAnnotations().containsKey("kubernetes.io/config.mirror")).hasSize(16)
                .allSatisfy(p -> assertThat(p.getMetadata().getOwnerReferences().getFirst().getKind()).isEqualTo("Node"));
        assertThat(pods.getItems()).filteredOn(p -> p.getMetadata().getNamespace().equals("notebooks"))
                .isNotEmpty().allSatisfy(p -> assertThat(p.getSpec().getVolumes())
                        .anySatisfy(v -> assertThat(v.getEmptyDir().getMedium()).isEqualTo("Memory")));
        assertThat(pods.getItems()).anySatisfy(p -> assertThat(p.getSpec().getContainers().getFirst().getResources()
                .getLimits()).containsKey("nvidia.com/mig-1g.10gb"));
        assertThat(pods.getItems()).anySatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Pending"));
        assertThat(pods.getItems()).extracting(p -> p.getMetadata().getNamespace())
                .contains("ml-training", "inference", "notebooks", "gpu-operator", "kube-system");
    }

    @Test
    void selectsPodsByNodeNameFieldAndByExporterLabel() {
        List<Pod> onNode = client.pods().inAnyNamespace().withField("spec.nodeName", "gpu-h100-a-001").list().getItems();
        List<Pod> exporters = client.pods().inNamespace("gpu-operator")
                .withLabel("app", "nvidia-dcgm-exporter").list().getItems();

        assertThat(onNode).isNotEmpty().allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isEqualTo("gpu-h100-a-001"));
        assertThat(onNode).anySatisfy(p -> assertThat(p.getMetadata().getName()).startsWith("nvidia-dcgm-exporter-"));
        assertThat(exporters).hasSize(64).allSatisfy(p -> {
            assertThat(p.getMetadata().getOwnerReferences().getFirst().getName()).isEqualTo("nvidia-dcgm-exporter");
            assertThat(p.getSpec().getContainers().getFirst().getPorts().getFirst().getContainerPort()).isEqualTo(9400);
            assertThat(p.getSpec().getContainers().getFirst().getPorts().getFirst().getName()).isEqualTo("metrics");
        });
    }

    @Test
    void watchSeesTheCordonAsModifiedWithAHigherResourceVersion() throws Exception {
        String name = "gpu-h200-a-002";
        String before = client.nodes().withName(name).get().getMetadata().getResourceVersion();
        BlockingQueue<Node> modified = new LinkedBlockingQueue<>();
        Watcher<Node> watcher = new Watcher<>() {
            @Override
            public void eventReceived(Action action, Node node) {
                if (action == Action.MODIFIED && node.getMetadata().getName().equals(name)) {
                    modified.add(node);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
        try (Watch ignored = client.nodes().withResourceVersion(before).watch(watcher)) {
            // fabric8 8 has no cordon(): edit() sends a JSON patch, as the console's cordon would
            client.nodes().withName(name).edit(n -> {
                n.getSpec().setUnschedulable(true);
                return n;
            });
            Node seen = modified.poll(10, TimeUnit.SECONDS);

            assertThat(seen).as("MODIFIED event within 10 s").isNotNull();
            assertThat(seen.getSpec().getUnschedulable()).isTrue();
            assertThat(Long.parseLong(seen.getMetadata().getResourceVersion())).isGreaterThan(Long.parseLong(before));
        } finally {
            client.nodes().withName(name).patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                    "{\"spec\":{\"unschedulable\":null}}");
        }
        assertThat(client.nodes().withName(name).get().getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void editLabelsGoesThroughJsonPatch() {
        String name = "gpu-l40s-a-003";
        Node edited = client.nodes().withName(name).edit(n -> {
            n.getMetadata().getLabels().put("gpufleet.dev/triage", "pending");
            return n;
        });
        assertThat(edited.getMetadata().getLabels()).containsEntry("gpufleet.dev/triage", "pending");
        assertThat(client.nodes().withName(name).get().getMetadata().getLabels())
                .containsEntry("gpufleet.dev/triage", "pending");
    }

    @Test
    void podProxyServesExporterMetrics() {
        Pod exporter = client.pods().inNamespace("gpu-operator").withLabel("app", "nvidia-dcgm-exporter")
                .withField("spec.nodeName", "gpu-h100-a-002").list().getItems().getFirst();
        String text = client.raw("/api/v1/namespaces/gpu-operator/pods/" + exporter.getMetadata().getName()
                + ":9400/proxy/metrics");

        assertThat(text).startsWith("# HELP DCGM_FI_DEV_SM_CLOCK ");
        assertThat(text).contains("Hostname=\"gpu-h100-a-002\"");
        assertThat(PromText.parse(text).errors).isEmpty();
    }

    @Test
    void unknownNodeIsNotFound() {
        assertThat(client.nodes().withName("gpu-does-not-exist").get()).isNull();
        assertThatThrownBy(() -> client.nodes().withName("gpu-does-not-exist").edit(n -> n))
                .isInstanceOf(KubernetesClientException.class);
    }

    @Test
    void withoutTheTokenTheServerAnswersUnauthorized() {
        Config config = Config.fromKubeconfig(sim.kubeconfigYaml("no-token"));
        config.setOauthToken(null);
        config.setAutoOAuthToken(null);
        try (KubernetesClient anonymous = new KubernetesClientBuilder().withConfig(config).build()) {
            assertThatThrownBy(() -> anonymous.nodes().list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(401));
        }
    }
}
