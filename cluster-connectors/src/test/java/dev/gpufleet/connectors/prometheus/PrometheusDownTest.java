package dev.gpufleet.connectors.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.cluster.ClusterConnection;
import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.kube.KubeClients;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Prometheus down on a bad day: a real `prometheus` scraping the simulator is stopped under a
/// live connection, then started again at the same URL. The connection turns DEGRADED naming
/// the URL and since when, keeps the last frame's readings (stale, never blanked), and reads
/// fresh data within 10 s of Prometheus answering again.
@Timeout(240)
class PrometheusDownTest {

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusDownTest.class);
    private static final String CONTEXT = "prom-down";
    private static final int NODES = 4;
    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final Duration STALE_AFTER = INTERVAL.multipliedBy(3);
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration RECOVERY = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    private static Path binary;
    private static SimulatorServer sim;
    private static PrometheusProcess prometheus;
    private static Path config;

    @BeforeAll
    static void startPrometheusScrapingTheSimulator() throws Exception {
        binary = PrometheusProcess.binary().orElse(null);
        if (binary == null) {
            System.err.println(PrometheusProcess.SKIP_LINE);
            Assumptions.assumeTrue(false, PrometheusProcess.SKIP_LINE);
        }
        sim = SimulatorServer.start(new SimConfig(NODES, 4, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS));
        Kubeconfig kubeconfig = Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT), "simulator kubeconfig");
        try (KubernetesClient kube = KubeClients.create(kubeconfig, CONTEXT, Duration.ofSeconds(5),
                Duration.ofSeconds(10))) {
            List<Pod> exporters = kube.pods().inNamespace("gpu-operator")
                    .withLabels(Map.of("app", "nvidia-dcgm-exporter")).list().getItems();
            config = ScrapeConfig.write(dir, sim, exporters);
        }
        prometheus = PrometheusProcess.start(binary, config, dir);
        awaitAllScraped(prometheus);
    }

    @AfterAll
    static void stop() throws Exception {
        PrometheusProcess.closeQuietly(prometheus);
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aStoppedPrometheusDegradesTheConnectionKeepsTheLastFrameAndRecovers() throws Exception {
        PrometheusOptions viaPrometheus = PrometheusOptions.of(prometheus.url()).withTimeout(Duration.ofSeconds(2));
        ConnectionOptions options = ConnectionOptions.defaults().withScrapeInterval(INTERVAL)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(2))
                .withPrometheus(viaPrometheus);
        Kubeconfig kubeconfig = Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT), "simulator kubeconfig");
        try (FleetStore store = new FleetStore();
                ClusterConnection connection = ClusterConnection.open(kubeconfig, CONTEXT, store, options)) {
            connection.start();
            connection.ready().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            awaitCluster(store, c -> c.connection().state() == ConnectionState.LIVE
                    && gpuNodes(c).size() == NODES && gpuNodes(c).stream().allMatch(n -> n.telemetryAt() != null),
                    DEADLINE);

            prometheus.close();
            Instant stopped = Instant.now();

            // Down: DEGRADED naming the URL, since about when it stopped; the last frame's readings stay.
            ClusterSnapshot down = awaitCluster(store,
                    c -> c.connection().state() == ConnectionState.DEGRADED, DEADLINE);
            ConnectionStatus status = down.connection();
            assertThat(status.message()).contains(prometheus.url().toString()).contains("Prometheus");
            assertThat(status.since()).isAfterOrEqualTo(stopped.minusSeconds(1));
            Map<String, Instant> lastGood = new HashMap<>();
            Map<String, List<MetricValues>> kept = new HashMap<>();
            for (NodeSnapshot node : gpuNodes(down)) {
                // A round whose query was answered just before the exit is stamped a moment later.
                assertThat(node.telemetryAt()).as(node.name()).isNotNull().isBefore(stopped.plus(INTERVAL));
                lastGood.put(node.name(), node.telemetryAt());
                kept.put(node.name(), node.gpus().stream().map(GpuSnapshot::values).toList());
            }

            Thread.sleep(STALE_AFTER.plus(INTERVAL.multipliedBy(2)));
            ClusterSnapshot later = awaitCluster(store, c -> true, DEADLINE);
            Instant now = Instant.now();
            assertThat(later.connection().state()).isEqualTo(ConnectionState.DEGRADED);
            assertThat(later.connection().since()).as("since stays put while it is down").isEqualTo(status.since());
            for (NodeSnapshot node : gpuNodes(later)) {
                assertThat(node.telemetryAt()).as("no sample since").isEqualTo(lastGood.get(node.name()));
                assertThat(node.gpus().stream().map(GpuSnapshot::values).toList()).isEqualTo(kept.get(node.name()));
                assertThat(node.gpus()).allSatisfy(gpu -> {
                    assertThat(gpu.hasTelemetry()).as("last good values kept, not blanked").isTrue();
                    assertThat(gpu.isStale(now, STALE_AFTER)).isTrue();
                    assertThat(gpu.utilizationPercent()).isNotNaN();
                });
            }

            // Back: the same URL answers again; fresh readings and LIVE within 10 s of that.
            prometheus = PrometheusProcess.start(binary, config, dir, prometheus.url().getPort());
            awaitAllScraped(prometheus);
            Instant back = Instant.now();
            ClusterSnapshot recovered = awaitCluster(store, c -> c.connection().state() == ConnectionState.LIVE
                    && gpuNodes(c).stream().allMatch(n -> n.telemetryAt() != null && n.telemetryAt().isAfter(back)),
                    RECOVERY);
            LOG.info("LIVE with fresh readings {} ms after Prometheus answered again",
                    Duration.between(back, Instant.now()).toMillis());
            assertThat(gpuNodes(recovered)).allSatisfy(node -> assertThat(node.gpus())
                    .allSatisfy(gpu -> assertThat(gpu.isStale(Instant.now(), STALE_AFTER)).isFalse()));
        }
    }

    private static void awaitAllScraped(PrometheusProcess running) throws Exception {
        running.awaitQuery("count(up == 1)", body -> body.contains("\"" + NODES + "\"]"), DEADLINE);
    }

    private static List<NodeSnapshot> gpuNodes(ClusterSnapshot cluster) {
        return cluster.nodes().stream().filter(n -> !n.gpus().isEmpty()).toList();
    }

    private static ClusterSnapshot awaitCluster(FleetStore store, Predicate<ClusterSnapshot> condition,
            Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            ClusterSnapshot cluster = store.sync().get(5, TimeUnit.SECONDS).cluster(CONTEXT).orElseThrow();
            if (condition.test(cluster)) {
                return cluster;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + "; connection " + cluster.connection()
                        + ", telemetry: " + cluster.nodes().stream().map(n -> n.name() + " at " + n.telemetryAt())
                        .toList());
            }
            Thread.sleep(100);
        }
    }
}
