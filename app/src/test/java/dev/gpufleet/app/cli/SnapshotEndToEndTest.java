package dev.gpufleet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import dev.gpufleet.sim.faults.ExporterFaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `gpufleet snapshot` against a simulator reached through a kubeconfig file, as a user runs it
/// after `gpufleet sim --kubeconfig-out k.yaml`.
class SnapshotEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void everyGpuOfTheDefaultFleetIsListedWithCurrentMetrics() throws Exception {
        try (SimulatorServer server = SimulatorServer.start(SimConfig.defaults())) {
            Path kubeconfig = dir.resolve("k.yaml");
            server.writeKubeconfig(kubeconfig, "gpufleet-sim");

            CliRun run = CliRun.of("snapshot", "--kubeconfig", kubeconfig.toString(), "--format", "json");

            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode cluster = new ObjectMapper().readTree(run.out()).at("/clusters/0");
            assertThat(cluster.get("name").asText()).isEqualTo("gpufleet-sim");
            assertThat(cluster.get("state").asText()).isEqualTo("LIVE");
            List<JsonNode> gpus = new ArrayList<>();
            cluster.get("nodes").forEach(node -> node.get("gpus").forEach(gpus::add));
            assertThat(cluster.get("nodes")).hasSize(64);
            assertThat(gpus).hasSize(512);
            cluster.get("nodes").forEach(node -> assertThat(node.has("telemetryProblem"))
                    .as("%s: %s", node.get("name"), node.get("telemetryProblem")).isFalse());
            assertThat(gpus).allSatisfy(gpu -> {
                assertThat(gpu.get("uuid").asText()).startsWith("GPU-");
                assertThat(gpu.get("model").asText()).startsWith("NVIDIA");
                assertThat(gpu.get("metrics").has("DCGM_FI_DEV_GPU_TEMP")
                        || gpu.get("mig").size() > 0).isTrue();
            });
            assertThat(gpus).anySatisfy(gpu -> assertThat(gpu.get("mig").size()).isPositive());
            assertThat(gpus).anySatisfy(gpu -> assertThat(gpu.get("pods").size()).isPositive());
            assertThat(gpus).anySatisfy(gpu -> assertThat(gpu.get("health").asText()).isEqualTo("FAILING"));
        }
    }

    @Test
    void gpusOfNodesWhoseExporterAnswers500AreStaleWithoutInventedMetrics() throws Exception {
        try (SimulatorServer server = SimulatorServer.start(new SimConfig(10, 2, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS))) {
            server.exporterFaults().failFraction(0.2, ExporterFaults.Fault.ERROR_500);
            List<String> failing = server.exporterFaults().failingNodes();
            Path kubeconfig = dir.resolve("k.yaml");
            server.writeKubeconfig(kubeconfig, "gpufleet-sim");

            CliRun run = CliRun.of("snapshot", "--kubeconfig", kubeconfig.toString(), "--format", "json");

            assertThat(run.exitCode()).as(run.err()).isZero();
            JsonNode cluster = new ObjectMapper().readTree(run.out()).at("/clusters/0");
            List<JsonNode> nodes = new ArrayList<>();
            cluster.get("nodes").forEach(nodes::add);
            assertThat(failing).hasSize(2);
            assertThat(nodes).filteredOn(node -> failing.contains(node.get("name").asText())).hasSize(2)
                    .allSatisfy(node -> {
                        assertThat(node.get("telemetryProblem").asText()).contains("answered 500");
                        assertThat(node.get("gpus")).isNotEmpty().allSatisfy(gpu -> {
                            assertThat(gpu.get("stale").asBoolean()).isTrue();
                            assertThat(gpu.has("sampledAt")).isFalse();
                            assertThat(gpu.get("health").asText()).isEqualTo("UNKNOWN");
                            assertThat(gpu.get("metrics").size()).as("nothing invented, no zeros").isZero();
                        });
                    });
            assertThat(nodes).filteredOn(node -> !failing.contains(node.get("name").asText())
                    && node.get("gpus").size() > 0).isNotEmpty()
                    .allSatisfy(node -> assertThat(node.get("gpus")).allSatisfy(gpu -> {
                        assertThat(gpu.get("stale").asBoolean()).isFalse();
                        assertThat(gpu.get("sampledAt").asText()).isNotEmpty();
                    }));
        }
    }

    @Test
    void anUnreachableClusterIsReportedAndTheCommandFails() throws Exception {
        Path kubeconfig = dir.resolve("dead.yaml");
        java.nio.file.Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:9", insecure-skip-tls-verify: true}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: dead, context: {cluster: c, user: u}}]
                current-context: dead
                """);

        CliRun run = CliRun.of("snapshot", "--kubeconfig", kubeconfig.toString(), "--timeout", "20s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("snapshot: dead:").contains("127.0.0.1:9");
    }
}
