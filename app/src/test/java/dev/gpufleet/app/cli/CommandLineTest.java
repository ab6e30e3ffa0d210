package dev.gpufleet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The command-line contract of DESIGN.md: shapes of output, and errors that say what to do.
class CommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Path fixture(String name) {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve("shared/fixtures/dcgm").resolve(name);
            if (Files.exists(candidate)) {
                return candidate;
            }
            Path sibling = at.resolveSibling("shared").resolve("fixtures/dcgm").resolve(name);
            if (Files.exists(sibling)) {
                return sibling;
            }
        }
        throw new IllegalStateException("fixture " + name + " not found: ../shared/fixtures must sit beside the checkout");
    }

    @Test
    void versionAndHelp() {
        CliRun version = CliRun.of("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("gpufleet ");

        CliRun help = CliRun.of("--help");
        assertThat(help.out()).contains("sim", "snapshot", "metrics", "screenshot");
    }

    @Test
    void screenshotChecksTheGpuOptionBeforeConnecting() {
        CliRun bad = CliRun.of("screenshot", "--view", "device", "--demo", "--gpu", "node-without-index",
                "--out", dir.resolve("device.png").toString());
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("--gpu 'node-without-index' is not NODE/INDEX");

        CliRun wrongView = CliRun.of("screenshot", "--view", "fleet", "--demo", "--gpu", "n/1",
                "--out", dir.resolve("fleet.png").toString());
        assertThat(wrongView.exitCode()).isNotZero();
        assertThat(wrongView.err()).contains("--gpu goes with --view device");

        CliRun clusterWithoutRebalance = CliRun.of("screenshot", "--view", "fleet", "--demo", "--cluster", "demo",
                "--out", dir.resolve("fleet.png").toString());
        assertThat(clusterWithoutRebalance.exitCode()).isNotZero();
        assertThat(clusterWithoutRebalance.err()).contains("--cluster goes with --view rebalance");
    }

    @Test
    void metricsParseJsonOnARealCapture() throws Exception {
        CliRun run = CliRun.of("metrics", "parse",
                fixture("h100-8gpu-eks-gpu-operator-sampled-no-help-pod-labels.txt").toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("gpus")).hasSize(8);
        assertThat(root.at("/gpus/0/model").asText()).contains("H100");
        assertThat(root.get("series").asInt()).isPositive();
        assertThat(root.get("errors").isArray()).isTrue();
    }

    @Test
    void metricsParseReportsBadLinesWithTheirNumbers() throws Exception {
        Path file = dir.resolve("scrape.txt");
        Files.writeString(file, """
                DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-1",modelName="NVIDIA L4",Hostname="n1"} 37
                DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="GPU-1" 41
                """);

        CliRun run = CliRun.of("metrics", "parse", file.toString(), "--format", "json");

        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("gpus")).hasSize(1);
        assertThat(root.at("/gpus/0/metrics/DCGM_FI_DEV_GPU_UTIL").asDouble()).isEqualTo(37.0);
        assertThat(root.at("/errors/0/line").asInt()).isEqualTo(2);
    }

    @Test
    void aMissingFileIsOneClearLine() {
        CliRun run = CliRun.of("metrics", "parse", dir.resolve("nope.txt").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nope.txt: no such file").doesNotContain("Exception").hasLineCount(1);
    }

    @Test
    void snapshotWithABrokenKubeconfigNamesTheFile() throws Exception {
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, "apiVersion: v1\nclusters:\n  - name: [unclosed\n");

        CliRun run = CliRun.of("snapshot", "--kubeconfig", broken.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("broken.yaml").doesNotContain("at dev.gpufleet");
    }

    @Test
    void snapshotWithAnUnknownContextListsTheKnownOnes() throws Exception {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: prod, context: {cluster: c, user: u}}]
                current-context: prod
                """);

        CliRun run = CliRun.of("snapshot", "--kubeconfig", config.toString(), "--context", "staging");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no context named 'staging'", "Known contexts: prod");
    }

    @Test
    void churnIsForTheDemoFleetAndASoakNeedsFourSamples() {
        CliRun noDemo = CliRun.of("--churn", "--soak", "10m");
        assertThat(noDemo.exitCode()).isEqualTo(2);
        assertThat(noDemo.err()).contains("--churn shakes the built-in simulated fleet only: add --demo");

        CliRun tooShort = CliRun.of("--demo", "--soak", "1m");
        assertThat(tooShort.exitCode()).isEqualTo(2);
        assertThat(tooShort.err()).contains("--soak: a soak needs at least 4 samples");

        CliRun badFactor = CliRun.of("--demo", "--churn=0", "--soak", "10m");
        assertThat(badFactor.err()).contains("--churn: the churn factor must be between 0.01 and 100");
    }

    @Test
    void simRejectsAnImpossibleFleet() {
        CliRun run = CliRun.of("sim", "--nodes", "0");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nodes must be between 1 and");
    }

    @Test
    void simRejectsAnUnknownFaultNamingTheKnownOnes() {
        CliRun run = CliRun.of("sim", "--fault", "melt");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--fault melt: unknown fault \"melt\"", "throttle", "watch-503");
    }

    @Test
    void simRejectsAnUnknownExporterFaultBeforeStarting() {
        assertThat(CliRun.of("sim", "--help").out()).contains("--exporter-fault=FAULT[:FRACTION]");

        CliRun unknown = CliRun.of("sim", "--exporter-fault", "404");
        CliRun badShare = CliRun.of("sim", "--exporter-fault", "timeout:lots");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--exporter-fault", "unknown exporter fault \"404\"", "500, timeout or truncated");
        assertThat(badShare.exitCode()).isEqualTo(2);
        assertThat(badShare.err()).contains("\"lots\" is not a fraction of nodes", "timeout:0.05");
    }

    @Test
    void badDurationsSayHowToWriteThem() {
        CliRun run = CliRun.of("snapshot", "--demo", "--timeout", "soon");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--timeout: 'soon' is not a duration");
    }
}
