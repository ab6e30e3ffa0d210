package dev.gpufleet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `gpufleet snapshot --prometheus URL`: inventory from the kubeconfig context, telemetry from a
/// real `prometheus` that scrapes the simulator's exporters through the API server's pod proxy.
class PrometheusSnapshotTest {

    private static final int NODES = 4;
    private static final String CONTEXT = "gpufleet-sim";

    @TempDir
    static Path dir;

    private static SimulatorServer sim;
    private static Process prometheus;
    private static URI prometheusUrl;

    @BeforeAll
    static void startPrometheus() throws Exception {
        Path binary = Path.of("/usr/bin/prometheus");
        if (!Files.isExecutable(binary)) {
            binary = onPath("prometheus");
        }
        if (binary == null) {
            String line = "SKIPPED Prometheus tests: prometheus not found on PATH (apt-get install prometheus)";
            System.err.println(line);
            Assumptions.assumeTrue(false, line);
        }
        sim = SimulatorServer.start(new SimConfig(NODES, 8, 7, 0, SimConfig.DEFAULT_BIND_ADDRESS));
        Path ca = Files.writeString(dir.resolve("ca.pem"), sim.caCertificatePem());
        Path token = Files.writeString(dir.resolve("token"), sim.token());
        StringBuilder yaml = new StringBuilder("""
                global: {scrape_interval: 1s, scrape_timeout: 1s}
                scrape_configs:
                  - job_name: dcgm-exporter
                    scheme: https
                    authorization: {type: Bearer, credentials_file: %s}
                    tls_config: {ca_file: %s}
                    static_configs:
                """.formatted(token, ca));
        for (String[] pod : exporterPods()) {
            yaml.append("      - targets: ['127.0.0.1:%d']\n".formatted(sim.port()))
                    .append("        labels: {__metrics_path__: '/api/v1/namespaces/gpu-operator/pods/%s:9400/proxy/metrics', node: '%s'}\n"
                            .formatted(pod[0], pod[1]));
        }
        Path config = Files.writeString(dir.resolve("prometheus.yml"), yaml);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        prometheusUrl = URI.create("http://127.0.0.1:" + port);
        prometheus = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        awaitAllUp();
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void snapshotReadsEveryGpuThroughPrometheus() throws Exception {
        Path kubeconfig = dir.resolve("k.yaml");
        sim.writeKubeconfig(kubeconfig, CONTEXT);

        CliRun run = CliRun.of("snapshot", "--kubeconfig", kubeconfig.toString(), "--format", "json",
                "--prometheus", prometheusUrl.toString(), "--prometheus-node-label", "node", "--timeout", "30s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode cluster = new ObjectMapper().readTree(run.out()).at("/clusters/0");
        assertThat(cluster.get("name").asText()).isEqualTo(CONTEXT);
        List<JsonNode> gpus = new ArrayList<>();
        cluster.get("nodes").forEach(node -> node.get("gpus").forEach(gpus::add));
        assertThat(gpus).hasSize(NODES * 8).allSatisfy(gpu -> assertThat(
                gpu.get("metrics").has("DCGM_FI_DEV_GPU_TEMP") || gpu.get("mig").size() > 0).isTrue());
        assertThat(gpus).anySatisfy(gpu -> assertThat(gpu.get("pods").size()).isPositive());
    }

    @Test
    void theWasteReportReadsThePastWindowFromPrometheus() throws Exception {
        Path kubeconfig = dir.resolve("k3.yaml");
        sim.writeKubeconfig(kubeconfig, CONTEXT);
        // Some past to read: 40 s of scrapes, at least two of the window's 15 s steps.
        awaitEveryExporter("count(count_over_time(up[1m]) >= 40)");

        CliRun run = CliRun.of("report", "waste", "--kubeconfig", kubeconfig.toString(), "--prometheus",
                prometheusUrl.toString(), "--prometheus-node-label", "node", "--since", "2m", "--format", "json",
                "--timeout", "30s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("windowSeconds").asDouble()).isEqualTo(120);
        assertThat(root.at("/fleet/totalHours").asDouble()).isCloseTo(NODES * 8 * 120 / 3600.0, within(1e-9));
        assertThat(root.at("/fleet/hours/used").asDouble()).as(root.get("fleet").toString() + run.err()).isPositive();
        assertThat(root.get("notes").toString()).contains("Read from the metrics store's history");
        assertThat(root.get("notKnown").toString()).isEqualTo("[\"stranded\"]");
    }

    @Test
    void aWeekOfWasteIsReadFromRangeQueriesAndTheTimeBeforeTheScrapesIsUnknown() throws Exception {
        Path kubeconfig = dir.resolve("k4.yaml");
        sim.writeKubeconfig(kubeconfig, CONTEXT);
        awaitEveryExporter("count(count_over_time(up[1m]) >= 20)");

        CliRun run = CliRun.of("report", "waste", "--kubeconfig", kubeconfig.toString(), "--prometheus",
                prometheusUrl.toString(), "--prometheus-node-label", "node", "--since", "7d", "--format", "json",
                "--timeout", "30s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        double gpuHours = NODES * 8 * 7 * 24;
        assertThat(root.get("windowSeconds").asDouble()).isEqualTo(7 * 86_400);
        assertThat(root.at("/fleet/totalHours").asDouble()).isCloseTo(gpuHours, within(1e-6));
        // Prometheus has held the fleet for under a minute of the week (2 min steps): the rest is unknown.
        assertThat(root.at("/fleet/hours/unknown").asDouble()).isBetween(gpuHours - NODES * 8 * 0.2, gpuHours);
        assertThat(root.at("/fleet/hours/stranded").isNull()).isTrue();
        assertThat(root.get("trend").size()).isBetween(7 * 24, 7 * 24 + 1);
        assertThat(root.get("notes").toString()).contains("Each step of 2 min");
    }

    @Test
    void aPastWindowLongerThanTheTrendKeepsIsRefused() {
        CliRun run = CliRun.of("report", "waste", "--demo", "--prometheus", "http://127.0.0.1:9", "--since", "32d");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--since 32d is longer than the 31d").doesNotContain("Exception");
    }

    @Test
    void aPrometheusThatIsDownFailsTheSnapshotWithItsUrl() throws Exception {
        Path kubeconfig = dir.resolve("k2.yaml");
        sim.writeKubeconfig(kubeconfig, CONTEXT);

        CliRun run = CliRun.of("snapshot", "--kubeconfig", kubeconfig.toString(), "--prometheus",
                "http://127.0.0.1:9", "--timeout", "20s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("snapshot: " + CONTEXT + ":").contains("http://127.0.0.1:9/api/v1/query")
                .contains("refused").doesNotContain("Exception");
    }

    @Test
    void prometheusCompanionsNeedTheUrl() {
        CliRun run = CliRun.of("snapshot", "--demo", "--prometheus-token-file", "/nonexistent");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("need --prometheus URL");
    }

    /// (name, node) of each exporter pod, from the API server's pod list.
    private static List<String[]> exporterPods() throws Exception {
        try (HttpClient http = HttpClient.newBuilder().sslContext(trusting()).build()) {
            HttpRequest request = HttpRequest.newBuilder(sim.baseUri().resolve(
                            "/api/v1/namespaces/gpu-operator/pods?labelSelector=app%3Dnvidia-dcgm-exporter"))
                    .header("Authorization", "Bearer " + sim.token()).build();
            JsonNode list = new ObjectMapper().readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            List<String[]> pods = new ArrayList<>();
            list.get("items").forEach(pod -> pods.add(new String[] {
                    pod.at("/metadata/name").asText(), pod.at("/spec/nodeName").asText()}));
            assertThat(pods).hasSize(NODES);
            return pods;
        }
    }

    private static javax.net.ssl.SSLContext trusting() throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(sim.caCertificatePem().getBytes(StandardCharsets.UTF_8))));
        javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static void awaitAllUp() throws Exception {
        awaitEveryExporter("count(up == 1)");
    }

    /// Waits until `promql` counts every node's exporter.
    private static void awaitEveryExporter(String promql) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String query = prometheusUrl + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        String last = "";
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (System.nanoTime() < end && prometheus.isAlive()) {
                try {
                    last = http.send(HttpRequest.newBuilder(URI.create(query)).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    if (last.contains("\"" + NODES + "\"]")) {
                        return;
                    }
                } catch (IOException notYet) {
                    last = notYet.toString();
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("prometheus did not scrape all exporters in time (last answer " + last
                + "); log: " + Files.readString(dir.resolve("prometheus.log")));
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        for (String folder : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(folder, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
