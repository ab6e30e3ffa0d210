package dev.gpufleet.connectors.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.kube.KubeClients;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/// A mixed fleet end to end: the simulator's MI300X nodes, found through the AMD exporter
/// selector of the default options, scraped through the pod proxy on port 5000, read by the
/// AMD interpreter into the same store as the NVIDIA nodes beside them.
class SimulatedAmdClusterTest {

    private static final String CONTEXT = "mixed";
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String CPX_NODE = "gpu-mi300x-a-004";

    private static SimulatorServer sim;
    private static Kubeconfig kubeconfig;
    private static FleetStore store;
    private static ClusterConnection connection;
    private static ClusterSnapshot cluster;

    @BeforeAll
    static void connect() throws Exception {
        sim = SimulatorServer.start(new SimConfig(2, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS, 4));
        kubeconfig = Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT), "simulator kubeconfig");
        store = new FleetStore();
        connection = ClusterConnection.open(kubeconfig, CONTEXT, store, ConnectionOptions.defaults()
                .withScrapeInterval(Duration.ofMillis(500))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5)));
        connection.start();
        connection.ready().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        cluster = awaitCluster(c -> c.connection().state() == ConnectionState.LIVE
                && amdNodes(c).size() == 4 && amdNodes(c).stream().allMatch(n -> n.telemetryAt() != null));
    }

    @AfterAll
    static void disconnect() {
        if (connection != null) {
            connection.close();
        }
        if (store != null) {
            store.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private static ClusterSnapshot awaitCluster(Predicate<ClusterSnapshot> condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        ClusterSnapshot snapshot = store.sync().get(5, TimeUnit.SECONDS).cluster(CONTEXT).orElseThrow();
        while (!condition.test(snapshot)) {
            assertThat(System.nanoTime()).as("condition met before the deadline").isLessThan(deadline);
            Thread.sleep(50);
            snapshot = store.sync().get(5, TimeUnit.SECONDS).cluster(CONTEXT).orElseThrow();
        }
        return snapshot;
    }

    private static List<NodeSnapshot> amdNodes(ClusterSnapshot c) {
        return c.nodes().stream().filter(n -> "true".equals(n.node().labels().get("feature.node.kubernetes.io/amd-gpu")))
                .toList();
    }

    @Test
    void amdNodesShowTheirPhysicalCardsWithPartitionsAttached() {
        Map<String, String> profiles = amdNodes(cluster).stream().collect(Collectors.toMap(NodeSnapshot::name,
                n -> n.gpus().stream().map(g -> g.mig().size() + "x" + (g.mig().isEmpty() ? "-" : g.mig().getFirst().profile()))
                        .distinct().collect(Collectors.joining(","))));
        assertThat(profiles).containsExactlyInAnyOrderEntriesOf(Map.of("gpu-mi300x-a-001", "0x-",
                "gpu-mi300x-a-002", "0x-", "gpu-mi300x-a-003", "2xDPX", CPX_NODE, "8xCPX"));
        for (NodeSnapshot node : amdNodes(cluster)) {
            assertThat(node.telemetryProblem()).as(node.name()).isNull();
            assertThat(node.gpus()).as(node.name()).hasSize(8)
                    .extracting(GpuSnapshot::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
            assertThat(node.gpus()).allSatisfy(gpu -> {
                assertThat(gpu.model()).isEqualTo("AMD Instinct MI300X OAM");
                assertThat(gpu.uuid()).matches("[0-9a-f]{2}ff74a1-.*");
            });
        }
        NodeSnapshot cpx = cluster.node(CPX_NODE).orElseThrow();
        assertThat(cpx.node().gpuResources()).containsEntry("amd.com/gpu", 64L);
        assertThat(cpx.gpus().getFirst().mig()).extracting(MigSample::gpuInstanceId).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        List<NodeSnapshot> nvidia = cluster.nodes().stream().filter(n -> n.node().gpuResources().containsKey("nvidia.com/gpu"))
                .toList();
        assertThat(nvidia).hasSize(2).allSatisfy(n -> assertThat(n.gpus()).hasSize(8)
                .allSatisfy(g -> assertThat(g.uuid()).startsWith("GPU-")));
    }

    @Test
    void theOperatorsExporterPodsMatchTheAmdSelector() throws Exception {
        ExporterRegistry registry = new ExporterRegistry(ConnectionOptions.defaults());
        List<ExporterPod> exporters;
        try (KubernetesClient client = KubeClients.create(kubeconfig, CONTEXT, Duration.ofSeconds(5),
                Duration.ofSeconds(10))) {
            exporters = client.pods().inNamespace("kube-amd-gpu").list().getItems().stream()
                    .map(registry::match).filter(Objects::nonNull).toList();
        }
        assertThat(exporters).hasSize(4).allSatisfy(pod -> {
            assertThat(pod.port()).isEqualTo(5000);
            assertThat(pod.exporter()).isEqualTo("AMD device-metrics-exporter");
            assertThat(pod.nodeName()).startsWith("gpu-mi300x-a-");
        });
    }

    @Test
    void amdGpusCarryRealReadings() {
        for (NodeSnapshot node : amdNodes(cluster)) {
            for (GpuSnapshot gpu : node.gpus()) {
                String where = node.name() + " GPU " + gpu.index();
                assertThat(gpu.value(Metric.GPU_UTIL)).as(where).isBetween(0.0, 100.0);
                assertThat(gpu.value(Metric.FB_TOTAL)).as(where).isBetween(196_500.0, 196_592.0);
                assertThat(gpu.value(Metric.FB_USED)).as(where).isBetween(283.0, gpu.value(Metric.FB_TOTAL));
                assertThat(gpu.value(Metric.POWER_USAGE)).as(where).isBetween(100.0, 760.0);
                assertThat(gpu.value(Metric.GPU_TEMP)).as(where).isBetween(30.0, 95.0);
                assertThat(gpu.value(Metric.MEMORY_TEMP)).as(where).isBetween(20.0, 95.0);
                assertThat(gpu.value(Metric.SM_CLOCK)).as(where).isPositive();
                assertThat(gpu.value(Metric.TOTAL_ENERGY)).as(where).isPositive();
            }
        }
        double busiest = amdNodes(cluster).stream().flatMap(n -> n.gpus().stream())
                .mapToDouble(g -> g.value(Metric.GPU_UTIL)).max().orElseThrow();
        assertThat(busiest).as("the first node runs distributed training").isGreaterThan(50);
    }

    @Test
    void theCardWithUncorrectableEccIsFailing() {
        List<String> failing = amdNodes(cluster).stream().flatMap(n -> n.gpus().stream()
                .filter(g -> g.health() == Health.FAILING).map(g -> n.name() + "/" + g.index())).toList();
        assertThat(failing).singleElement().asString().startsWith("gpu-mi300x-a-001/");
        GpuSnapshot gpu = cluster.node("gpu-mi300x-a-001").orElseThrow().gpus().stream()
                .filter(g -> g.health() == Health.FAILING).findFirst().orElseThrow();
        assertThat(gpu.value(Metric.ECC_DBE_VOL)).isPositive();
        assertThat(cluster.node("gpu-mi300x-a-001").orElseThrow().node().gpuResources())
                .as("the device plugin withholds the failing card").containsEntry("amd.com/gpu", 7L);
    }

    @Test
    void amdGpusAndPartitionsAreAttributedToPodsRequestingAmdGpus() {
        long attributed = 0;
        for (NodeSnapshot node : amdNodes(cluster)) {
            for (GpuSnapshot gpu : node.gpus()) {
                for (PodRef pod : gpu.pods()) {
                    attributed++;
                    assertThat(node.pods()).as("%s on %s", pod, node.name())
                            .anySatisfy(p -> {
                                assertThat(p.name()).isEqualTo(pod.name());
                                assertThat(p.namespace()).isEqualTo(pod.namespace());
                                assertThat(p.gpuRequests()).containsKey("amd.com/gpu");
                            });
                }
            }
        }
        assertThat(attributed).isGreaterThan(20);
        NodeSnapshot cpx = cluster.node(CPX_NODE).orElseThrow();
        long partitionPods = cpx.gpus().stream().flatMap(g -> g.mig().stream()).filter(p -> !p.pods().isEmpty()).count();
        assertThat(partitionPods).as("pods on single CPX partitions").isGreaterThan(20);
    }
}
