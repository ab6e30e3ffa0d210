package dev.gpufleet.connectors.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.connectors.kube.KubeClients;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.connectors.kube.KubeconfigException;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.Taint;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import dev.gpufleet.core.triage.NodeEvent;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.FleetPlanner;
import dev.gpufleet.sim.fleet.GpuFault;
import dev.gpufleet.sim.SimulatorServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// A connection over real HTTPS to the simulated API server: 8 nodes of 8 GPUs.
class SimulatedClusterConnectionTest {

    private static final String CONTEXT = "sim";
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final ConnectionOptions OPTIONS = ConnectionOptions.defaults()
            .withScrapeInterval(Duration.ofMillis(500))
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5));

    private static SimulatorServer sim;
    private static Kubeconfig kubeconfig;
    private static FleetStore store;
    private static ClusterConnection connection;

    @BeforeAll
    static void connect() throws Exception {
        sim = SimulatorServer.start(new SimConfig(8, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS));
        kubeconfig = Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT), "simulator kubeconfig");
        store = new FleetStore();
        connection = ClusterConnection.open(kubeconfig, CONTEXT, store, OPTIONS);
        connection.start();
        connection.ready().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
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

    private static ClusterSnapshot cluster() throws Exception {
        FleetSnapshot snapshot = store.sync().get(5, TimeUnit.SECONDS);
        return snapshot.cluster(CONTEXT).orElseThrow();
    }

    /// Polls the store until `condition` holds or the deadline passes.
    private static ClusterSnapshot awaitCluster(Predicate<ClusterSnapshot> condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        ClusterSnapshot cluster = cluster();
        while (!condition.test(cluster)) {
            assertThat(System.nanoTime()).as("condition met before the deadline").isLessThan(deadline);
            Thread.sleep(50);
            cluster = cluster();
        }
        return cluster;
    }

    @Test
    void reachesLiveWithEveryNodeAndGpuReporting() throws Exception {
        ClusterSnapshot cluster = awaitCluster(c -> c.connection().state() == ConnectionState.LIVE);

        List<NodeSnapshot> gpuNodes = cluster.nodes().stream()
                .filter(n -> !n.node().gpuResources().isEmpty()).toList();
        assertThat(gpuNodes).hasSize(8);
        for (NodeSnapshot node : gpuNodes) {
            assertThat(node.telemetryProblem()).as(node.name()).isNull();
            assertThat(node.gpus()).as(node.name()).hasSize(8);
            for (GpuSnapshot gpu : node.gpus()) {
                assertThat(gpu.hasTelemetry()).as(node.name() + " GPU " + gpu.index()).isTrue();
                assertThat(gpu.uuid()).startsWith("GPU-");
                assertThat(reportsUtilization(gpu)).as(node.name() + " GPU " + gpu.index()).isTrue();
                assertThat(gpu.values().isReported(Metric.GPU_TEMP)).isTrue();
            }
        }
        List<GpuSnapshot> migGpus = gpuNodes.stream().flatMap(n -> n.gpus().stream())
                .filter(g -> !g.mig().isEmpty()).toList();
        assertThat(migGpus).as("the seed-42 fleet has MIG cards").isNotEmpty();
        assertThat(migGpus).allSatisfy(gpu -> assertThat(gpu.mig())
                .allSatisfy(instance -> assertThat(instance.profile()).matches("\\d+g\\.\\d+gb")));
        assertThat(connection.status().state()).isEqualTo(ConnectionState.LIVE);
    }

    @Test
    void telemetryAttributesGpusToPodsTheInventoryKnows() throws Exception {
        ClusterSnapshot cluster = cluster();
        long attributed = 0;
        for (NodeSnapshot node : cluster.nodes()) {
            for (GpuSnapshot gpu : node.gpus()) {
                for (var pod : gpu.pods()) {
                    attributed++;
                    assertThat(node.pods()).as("%s on %s", pod, node.name())
                            .anyMatch(p -> p.namespace().equals(pod.namespace()) && p.name().equals(pod.name()));
                }
            }
        }
        assertThat(attributed).isPositive();
    }

    /// Whole-GPU utilization, or for a MIG card per-instance engine activity.
    private static boolean reportsUtilization(GpuSnapshot gpu) {
        if (gpu.mig().isEmpty()) {
            return gpu.values().isReported(Metric.GPU_UTIL);
        }
        for (MigSample instance : gpu.mig()) {
            if (!instance.values().isReported(Metric.GR_ENGINE_ACTIVE)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void podsWithGpuRequestsAppearOnTheirNodes() throws Exception {
        List<Pod> gpuPods;
        try (KubernetesClient client = KubeClients.create(kubeconfig, CONTEXT, Duration.ofSeconds(5),
                Duration.ofSeconds(10))) {
            gpuPods = client.pods().inAnyNamespace().list().getItems().stream()
                    .filter(p -> p.getSpec().getNodeName() != null)
                    .filter(p -> p.getSpec().getContainers().stream().anyMatch(c -> c.getResources() != null
                            && c.getResources().getLimits() != null
                            && c.getResources().getLimits().keySet().stream().anyMatch(Projections::isGpuResource)))
                    .toList();
        }
        assertThat(gpuPods).isNotEmpty();

        ClusterSnapshot cluster = cluster();
        for (Pod pod : gpuPods) {
            NodeSnapshot node = cluster.node(pod.getSpec().getNodeName()).orElseThrow();
            assertThat(node.pods()).as(pod.getMetadata().getName())
                    .filteredOn(p -> p.name().equals(pod.getMetadata().getName())
                            && p.namespace().equals(pod.getMetadata().getNamespace()))
                    .singleElement()
                    .satisfies(record -> {
                        assertThat(record.gpusRequested()).isPositive();
                        assertThat(record.created()).isNotNull();
                        assertThat(record.scheduling().tolerations()).as("tolerations of " + record.qualifiedName())
                                .hasSameSizeAs(pod.getSpec().getTolerations());
                        // The simulator taints GPU nodes and its GPU pods tolerate that, as the GPU operator's do.
                        assertThat(record.scheduling().toleratesAll(List.of(new Taint(
                                record.gpuRequests().keySet().iterator().next().startsWith("amd.com/")
                                        ? "amd.com/gpu" : "nvidia.com/gpu", "present", "NoSchedule")))).isTrue();
                    });
        }
        long recordsWithGpus = cluster.nodes().stream().flatMap(n -> n.pods().stream())
                .filter(p -> p.gpusRequested() > 0).map(PodRecord::name).distinct().count();
        assertThat(recordsWithGpus).isEqualTo(gpuPods.size());
    }

    @Test
    void nodeEventsAreReadForOneNodeOnlyAndConditionsReachTheStore() throws Exception {
        Fleet fleet = FleetPlanner.plan(8, 8, 42);
        int faulty = fleet.faults().entrySet().stream().filter(e -> e.getValue() == GpuFault.FALLEN_OFF_BUS)
                .map(e -> e.getKey() / 8).findFirst().orElseThrow();
        String nodeName = fleet.nodeName(faulty);

        List<NodeEvent> events = connection.nodeEvents().of(nodeName);

        assertThat(events).anySatisfy(e -> {
            assertThat(e.isWarning()).isTrue();
            assertThat(e.reason()).isEqualTo("XidError");
            assertThat(e.message()).contains(": 79, ");
            assertThat(e.count()).isPositive();
            assertThat(e.firstSeen()).isNotNull().isBeforeOrEqualTo(e.lastSeen());
        });
        assertThat(events).extracting(NodeEvent::message).allMatch(m -> !m.startsWith("Successfully assigned"));
        assertThat(connection.nodeEvents().of("no-such-node")).isEmpty();
        NodeSnapshot node = cluster().node(nodeName).orElseThrow();
        assertThat(node.node().conditions()).extracting(c -> c.type()).contains("Ready", "MemoryPressure");
    }

    @Test
    void cordonThroughTheApiShowsInTheStore() throws Exception {
        String nodeName = cluster().nodes().stream().filter(n -> !n.node().unschedulable())
                .map(NodeSnapshot::name).findFirst().orElseThrow();
        try (KubernetesClient admin = KubeClients.create(kubeconfig, CONTEXT, Duration.ofSeconds(5),
                Duration.ofSeconds(10))) {
            admin.nodes().withName(nodeName).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"spec\":{\"unschedulable\":true}}");

            awaitCluster(c -> c.node(nodeName).map(n -> n.node().unschedulable()).orElse(false));

            admin.nodes().withName(nodeName).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"spec\":{\"unschedulable\":null}}");
            awaitCluster(c -> c.node(nodeName).map(n -> !n.node().unschedulable()).orElse(false));
        }
    }

    @Test
    void wrongTokenIsUnauthorizedAndReadyFails() throws Exception {
        Kubeconfig wrong = Kubeconfig.fromText(sim.kubeconfigYaml("stale").replace(sim.token(), "expired-token"),
                "stale kubeconfig");
        try (FleetStore own = new FleetStore();
                ClusterConnection stale = ClusterConnection.open(wrong, "stale", own, OPTIONS)) {
            stale.start();

            assertThatThrownBy(() -> stale.ready().get(DEADLINE.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ClusterAccessException.class)
                    .hasMessageContaining("401 Unauthorized")
                    .hasMessageContaining("log in again")
                    .hasMessageContaining(sim.baseUri().toString())
                    .hasMessageNotContaining("expired-token");
            assertThat(stale.status().state()).isEqualTo(ConnectionState.UNAUTHORIZED);
            FleetSnapshot snapshot = own.sync().get(5, TimeUnit.SECONDS);
            assertThat(snapshot.cluster("stale").orElseThrow().connection().state())
                    .isEqualTo(ConnectionState.UNAUTHORIZED);
        }
    }

    @Test
    void brokenKubeconfigFileIsNamedInTheError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sim.kubeconfig");
        sim.writeKubeconfig(file, CONTEXT);
        Files.writeString(file, Files.readString(file).replace("contexts:", "contexts: : :"));

        assertThatThrownBy(() -> Kubeconfig.discover(file, null, dir.resolve("home")))
                .isInstanceOf(KubeconfigException.class)
                .hasMessageStartingWith(file + ": line ")
                .hasMessageContaining("— fix the YAML or pass another file with --kubeconfig");
    }

    @Test
    void wrongExporterPortIsDegradedButReady() throws Exception {
        ConnectionOptions wrongPort = OPTIONS.withExporters(null, Map.of("app", "nvidia-dcgm-exporter"), 9999);
        try (FleetStore own = new FleetStore();
                ClusterConnection degraded = ClusterConnection.open(kubeconfig, CONTEXT, own, wrongPort)) {
            degraded.start();
            degraded.ready().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

            assertThat(degraded.status().state()).isEqualTo(ConnectionState.DEGRADED);
            assertThat(degraded.status().message()).contains("No GPU telemetry could be read", "(and 7 more nodes)",
                    "503: error trying to reach service");
            ClusterSnapshot cluster = own.sync().get(5, TimeUnit.SECONDS).cluster(CONTEXT).orElseThrow();
            assertThat(cluster.nodes()).allSatisfy(node -> assertThat(node.telemetryProblem()).isNotNull());
        }
    }

    @Test
    void noExporterPodsIsDegradedWithAHint() throws Exception {
        ConnectionOptions nothing = OPTIONS.withExporters("gpu-operator", Map.of("app", "no-such-exporter"), 9400);
        try (FleetStore own = new FleetStore();
                ClusterConnection degraded = ClusterConnection.open(kubeconfig, CONTEXT, own, nothing)) {
            degraded.start();
            degraded.ready().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);

            assertThat(degraded.status().state()).isEqualTo(ConnectionState.DEGRADED);
            assertThat(degraded.status().message()).contains("No GPU exporter pods were found",
                    "pods labelled app=no-such-exporter in namespace gpu-operator, port 9400", "8 nodes offer GPUs");
        }
    }

    @Test
    void closeStopsThreadsAndTheHttpClient() throws Exception {
        long vertxBefore = vertxThreads();
        ClusterConnection second;
        try (FleetStore own = new FleetStore()) {
            second = ClusterConnection.open(kubeconfig, CONTEXT, own, OPTIONS);
            second.start();
            second.ready().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertThat(vertxThreads()).isGreaterThan(vertxBefore);

            second.close();

            assertThat(second.threadsStopped()).isTrue();
            assertThat(own.sync().get(5, TimeUnit.SECONDS).cluster(CONTEXT).orElseThrow().connection().state())
                    .isEqualTo(ConnectionState.DISCONNECTED);
        }
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (vertxThreads() > vertxBefore && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(vertxThreads()).as("vert.x threads left running").isLessThanOrEqualTo(vertxBefore);
    }

    private static long vertxThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("vert.x-")).count();
    }

    @Test
    void aFailingScrapeMarksItsNodeAndTheRestCarryOn() throws Exception {
        try (KubernetesClient client = KubeClients.create(kubeconfig, CONTEXT, Duration.ofSeconds(5),
                Duration.ofSeconds(10))) {
            ExporterPod real = DcgmExporterSource.listingExporters(CONTEXT, client, OPTIONS).collect().nodes()
                    .stream().findFirst().map(n -> exporterOn(client, n.node())).orElseThrow();
            Pod other = client.pods().inAnyNamespace().list().getItems().stream()
                    .filter(p -> p.getSpec().getNodeName() != null && p.getStatus().getPodIP() != null)
                    .filter(p -> !"nvidia-dcgm-exporter".equals(p.getMetadata().getLabels().get("app")))
                    .findFirst().orElseThrow();
            ExporterPod notAnExporter = new ExporterPod(other.getMetadata().getNamespace(),
                    other.getMetadata().getName(), "node-without-exporter", true);
            ExporterPod missing = new ExporterPod("gpu-operator", "no-such-pod", "node-gone", true);
            DcgmExporterSource source = new DcgmExporterSource(CONTEXT, client,
                    () -> List.of(real, notAnExporter, missing), OPTIONS, java.time.Clock.systemUTC());

            var frame = source.collect();

            assertThat(frame.nodes()).hasSize(3);
            assertThat(frame.nodes().get(0).failed()).isFalse();
            assertThat(frame.nodes().get(0).gpus()).hasSize(8);
            assertThat(frame.nodes().get(1).failed()).isTrue();
            assertThat(frame.nodes().get(1).problem()).contains("could not reach", "503", "kubectl -n");
            assertThat(frame.nodes().get(2).problem()).contains("was not found", "404");
        }
    }

    private static ExporterPod exporterOn(KubernetesClient client, String node) {
        Pod pod = client.pods().inAnyNamespace().withLabel("app", "nvidia-dcgm-exporter").list().getItems().stream()
                .filter(p -> node.equals(p.getSpec().getNodeName())).findFirst().orElseThrow();
        return new ExporterPod(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), node, true);
    }

    @Test
    void standaloneSourceScrapesEveryExporterThroughTheProxy() throws Exception {
        try (KubernetesClient client = KubeClients.create(kubeconfig, CONTEXT, Duration.ofSeconds(5),
                Duration.ofSeconds(10));
                DcgmExporterSource source = DcgmExporterSource.listingExporters(CONTEXT, client, OPTIONS)) {
            var frame = source.collect();

            assertThat(frame.cluster()).isEqualTo(CONTEXT);
            assertThat(frame.nodes()).hasSize(8).allSatisfy(node -> {
                assertThat(node.problem()).isNull();
                assertThat(node.gpus()).hasSize(8);
            });
            assertThat(Map.of("describe", source.describe()).get("describe")).contains("pods labelled app=nvidia-dcgm-exporter in any namespace");
        }
    }
}
