package dev.gpufleet.connectors.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.connectors.cluster.ClusterConnection;
import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.cluster.DcgmExporterSource;
import dev.gpufleet.connectors.kube.KubeClients;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.history.GpuKey;
import dev.gpufleet.core.history.HistoryConfig;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.MigSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The Prometheus source against a real `prometheus` scraping the simulated fleet's exporters
/// through the API server's pod proxy, compared with what the pod-proxy source reads directly.
/// The simulator's clock stands still, so both read the same tick.
class RealPrometheusTest {

    private static final Logger LOG = LoggerFactory.getLogger(RealPrometheusTest.class);
    private static final String CONTEXT = "sim";
    private static final int NODES = 4;
    private static final int GPUS_PER_NODE = 8;

    @TempDir
    static Path dir;

    private static SimulatorServer sim;
    private static KubernetesClient kube;
    private static PrometheusProcess prometheus;
    private static TelemetryFrame reference;

    @BeforeAll
    static void startPrometheusScrapingTheSimulator() throws Exception {
        Path binary = PrometheusProcess.binary().orElse(null);
        if (binary == null) {
            System.err.println(PrometheusProcess.SKIP_LINE);
            Assumptions.assumeTrue(false, PrometheusProcess.SKIP_LINE);
        }
        sim = SimulatorServer.start(new SimConfig(NODES, GPUS_PER_NODE, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS),
                InstantSource.fixed(Instant.parse("2026-03-01T12:00:00Z")));
        Kubeconfig kubeconfig = Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT), "simulator kubeconfig");
        kube = KubeClients.create(kubeconfig, CONTEXT, Duration.ofSeconds(5), Duration.ofSeconds(10));
        List<Pod> exporters = kube.pods().inNamespace("gpu-operator")
                .withLabels(Map.of("app", "nvidia-dcgm-exporter")).list().getItems();
        assertThat(exporters).hasSize(NODES);
        Path config = ScrapeConfig.write(dir, sim, exporters);
        long started = System.nanoTime();
        prometheus = PrometheusProcess.start(binary, config, dir);
        prometheus.awaitQuery("count(up == 1)", body -> body.contains("\"" + NODES + "\"]"), Duration.ofSeconds(60));
        LOG.info("prometheus scraped all {} exporters {} ms after it was started", NODES,
                (System.nanoTime() - started) / 1_000_000);
        LOG.info("scrape durations: {}", prometheus.awaitQuery("scrape_duration_seconds", body -> true, Duration.ofSeconds(5)));
        try (DcgmExporterSource direct = DcgmExporterSource.listingExporters(CONTEXT, kube, ConnectionOptions.defaults())) {
            reference = direct.collect();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        PrometheusProcess.closeQuietly(prometheus);
        if (kube != null) {
            kube.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private static PrometheusOptions options() {
        return PrometheusOptions.of(prometheus.url()).withTimeout(Duration.ofSeconds(5));
    }

    @Test
    void everyGpuOfTheFleetArrivesAsThePodProxyReadsIt() throws Exception {
        TelemetryFrame frame;
        try (PrometheusSource source = new PrometheusSource(CONTEXT, options())) {
            long began = System.nanoTime();
            frame = source.collect();
            long first = System.nanoTime();
            source.collect();
            LOG.info("Prometheus rounds for {} GPUs: first {} ms, second {} ms", frame.gpuCount(),
                    (first - began) / 1_000_000, (System.nanoTime() - first) / 1_000_000);
        }

        assertThat(frame.cluster()).isEqualTo(CONTEXT);
        assertThat(frame.gpuCount()).isEqualTo(NODES * GPUS_PER_NODE);
        assertThat(frame.nodes()).allSatisfy(node -> assertThat(node.problem()).isNull());
        assertSameAsReference(frame);
        assertThat(frame.nodes().stream().flatMap(n -> n.gpus().stream()).mapToInt(g -> g.mig().size()).sum())
                .as("MIG instances in the fleet").isPositive();
        assertThat(frame.nodes().stream().flatMap(n -> n.gpus().stream()).filter(g -> !g.pods().isEmpty()).count())
                .as("GPUs with pods").isPositive();
    }

    @Test
    void anotherNodeLabelPlacesTheSameGpus() throws Exception {
        try (PrometheusSource source = new PrometheusSource(CONTEXT, options().withNodeLabel("kubernetes_node"))) {
            assertSameAsReference(source.collect());
        }
    }

    @Test
    void aRangeQueryGivesEverySeriesItsPoints() throws Exception {
        Instant end = Instant.now();
        try (PrometheusSource source = new PrometheusSource(CONTEXT, options())) {
            QueryResult<List<RangeSeries>> history = source.queryRange("DCGM_FI_DEV_GPU_TEMP",
                    end.minusSeconds(30), end, Duration.ofSeconds(1));

            assertThat(history.warnings()).isEmpty();
            assertThat(history.data()).isNotEmpty().allSatisfy(series -> {
                assertThat(series.size()).isPositive();
                assertThat(series.timestamps()).isSorted();
                assertThat(series.timestamps()[series.size() - 1]).isLessThanOrEqualTo(end.toEpochMilli());
                // The simulator's clock stands still, so every point of a series is the same value.
                assertThat(series.values()).containsOnly(series.values()[0]);
            });
        }
    }

    @Test
    void aConnectionBackfillsTheHistoryPrometheusHeldBeforeIt() throws Exception {
        // At least five scrapes held, so the window before the first live frame has points.
        prometheus.awaitQuery("min(count_over_time(DCGM_FI_DEV_GPU_UTIL[1m])) >= 5", body -> body.contains("\"value\""),
                Duration.ofSeconds(30));
        HistoryConfig config = new HistoryConfig(Duration.ofSeconds(1), Duration.ofMinutes(2), HistoryConfig.DEFAULT_METRICS);
        Kubeconfig kubeconfig = Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT), "simulator kubeconfig");
        try (FleetStore store = new FleetStore(Clock.systemUTC(), config);
                ClusterConnection connection = ClusterConnection.open(kubeconfig, CONTEXT, store,
                        ConnectionOptions.defaults().withPrometheus(options()))) {
            connection.start();
            connection.ready().get(30, TimeUnit.SECONDS);
            PrometheusBackfill.Report report = connection.historyBackfill().get(30, TimeUnit.SECONDS).orElseThrow();
            store.sync().get(10, TimeUnit.SECONDS);
            LOG.info("backfill: {}", report.describe());

            assertThat(report.gpus()).isEqualTo(NODES * GPUS_PER_NODE);
            assertThat(report.frames()).isGreaterThanOrEqualTo(3);
            assertThat(report.warnings()).isEmpty();
            NodeTelemetry node = reference.nodes().getFirst();
            GpuSample gpu = node.gpus().getFirst();
            double[] utilization = store.readHistory(history -> {
                int slot = history.slotOf(GpuKey.of(CONTEXT, node.node(), gpu));
                long before = history.tickOf(report.to()) - 1;
                double[] values = new double[60];
                history.read(slot, Metric.GPU_UTIL, before - 59, before, values);
                return values;
            }).get(10, TimeUnit.SECONDS);
            // The simulator's clock stands still: every backfilled step holds the reference value.
            double[] held = Arrays.stream(utilization).filter(value -> !Double.isNaN(value)).toArray();
            assertThat(held).hasSizeGreaterThanOrEqualTo(3)
                    .containsOnly(gpu.values().get(Metric.GPU_UTIL));
        }
    }

    @Test
    void aQueryErrorCarriesPrometheusOwnWords() throws Exception {
        try (PrometheusClient client = new PrometheusClient(options())) {
            assertThatThrownBy(() -> client.query("sum(DCGM_FI_DEV_GPU_UTIL"))
                    .isInstanceOf(PrometheusException.class)
                    .hasMessageContaining(prometheus.url() + "/api/v1/query")
                    .hasMessageContaining("bad_data")
                    .hasMessageContaining("parse error")
                    .hasMessageContaining("Check the query");
        }
    }

    @Test
    void aPrometheusThatIsDownIsNamedWithWhatToDo() throws Exception {
        URI nothing = URI.create("http://127.0.0.1:" + PrometheusProcess.freePort());
        try (PrometheusSource source = new PrometheusSource(CONTEXT, PrometheusOptions.of(nothing))) {
            assertThatThrownBy(source::collect)
                    .isInstanceOf(PrometheusException.class)
                    .hasMessageContaining(nothing + "/api/v1/query")
                    .hasMessageContaining("refused")
                    .hasMessageContaining("that Prometheus is running");
        }
    }

    /// Same nodes, GPUs, values, MIG instances and pods as the direct scrape.
    private static void assertSameAsReference(TelemetryFrame frame) {
        Map<String, NodeTelemetry> expected = byNode(reference);
        assertThat(byNode(frame).keySet()).isEqualTo(expected.keySet());
        for (NodeTelemetry node : frame.nodes()) {
            Map<String, GpuSample> want = node(expected.get(node.node()));
            Map<String, GpuSample> got = node(node);
            assertThat(got.keySet()).as("GPUs of %s", node.node()).isEqualTo(want.keySet());
            got.forEach((uuid, gpu) -> assertSameGpu(gpu, want.get(uuid)));
        }
    }

    private static void assertSameGpu(GpuSample got, GpuSample want) {
        String gpu = want.uuid();
        assertThat(got.index()).as("index of %s", gpu).isEqualTo(want.index());
        assertThat(got.model()).as("model of %s", gpu).isEqualTo(want.model());
        assertSameValues(got.values(), want.values(), gpu);
        assertThat(got.pods()).as("pods of %s", gpu).containsExactlyInAnyOrderElementsOf(want.pods());
        assertThat(got.mig()).as("MIG of %s", gpu).hasSameSizeAs(want.mig());
        for (int i = 0; i < want.mig().size(); i++) {
            MigSample g = got.mig().get(i);
            MigSample w = want.mig().get(i);
            assertThat(g.gpuInstanceId()).isEqualTo(w.gpuInstanceId());
            assertThat(g.profile()).isEqualTo(w.profile());
            assertThat(g.pods()).containsExactlyInAnyOrderElementsOf(w.pods());
            assertSameValues(g.values(), w.values(), gpu + " GI " + w.gpuInstanceId());
        }
    }

    private static void assertSameValues(MetricValues got, MetricValues want, String what) {
        for (Metric metric : Metric.values()) {
            // Boxed, so that "not reported" (NaN) on both sides counts as equal.
            assertThat(Double.valueOf(got.get(metric))).as("%s of %s", metric.field(), what)
                    .isEqualTo(Double.valueOf(want.get(metric)));
        }
    }

    private static Map<String, NodeTelemetry> byNode(TelemetryFrame frame) {
        return frame.nodes().stream().collect(Collectors.toMap(NodeTelemetry::node, Function.identity()));
    }

    private static Map<String, GpuSample> node(NodeTelemetry node) {
        return node.gpus().stream().collect(Collectors.toMap(GpuSample::uuid, Function.identity()));
    }
}
