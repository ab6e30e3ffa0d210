package dev.gpufleet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/// Cross-checks with the real kubectl: what it prints is what an operator would see against a
/// real GPU cluster. Skipped, with one line on stderr, where kubectl is not installed.
@Timeout(120)
class KubectlTest {

    private static SimulatorServer sim;
    private static Path kubeconfig;
    private static String kubectl;

    @TempDir
    static Path dir;

    record Result(int exit, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        kubectl = findKubectl();
        if (kubectl == null) {
            System.err.println("SKIPPED kubectl cross-checks: kubectl not found on PATH");
            Assumptions.assumeTrue(false, "kubectl not found on PATH: " + System.getenv("PATH"));
        }
        sim = SimulatorServer.start(SimConfig.defaults());
        kubeconfig = dir.resolve("sim.kubeconfig");
        sim.writeKubeconfig(kubeconfig, SimulatorServer.DEFAULT_CONTEXT);
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    static String findKubectl() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(File.pathSeparator)) {
            Path candidate = Path.of(d, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return Files.isExecutable(Path.of("/usr/bin/kubectl")) ? "/usr/bin/kubectl" : null;
    }

    private static Result kubectl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(kubectl, "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", dir.resolve("cache").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("kubectl %s finished", args[0]).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void getNodesListsAllNodesReady() throws Exception {
        Result r = kubectl("get", "nodes");

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.getFirst()).containsSubsequence("NAME", "STATUS", "ROLES", "AGE", "VERSION");
        assertThat(lines.subList(1, lines.size())).hasSize(64).allSatisfy(l -> assertThat(l).contains("Ready")
                .contains("v1.31.4"));
    }

    @Test
    void getPodsAllNamespacesWideShowsNodes() throws Exception {
        Result r = kubectl("get", "pods", "-A", "-o", "wide");

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.getFirst()).containsSubsequence("NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP",
                "NODE", "NOMINATED NODE", "READINESS GATES");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("gpu-operator").contains("nvidia-dcgm-exporter-")
                .contains("Running").contains("gpu-"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("Pending"));
        assertThat(lines.size() - 1).isGreaterThan(64 * 4);
    }

    @Test
    void describeNodeShowsGpuCapacityAndPods() throws Exception {
        Result r = kubectl("describe", "node", "gpu-h100-a-001");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Name:               gpu-h100-a-001")
                .contains("nvidia.com/gpu.product=NVIDIA-H100-80GB-HBM3")
                .containsPattern("nvidia.com/gpu:\\s+8")
                .contains("Non-terminated Pods:")
                .contains("nvidia-dcgm-exporter-")
                .contains("Allocated resources:");
    }

    @Test
    void cordonShowsSchedulingDisabledAndUncordonClearsIt() throws Exception {
        String node = "gpu-l40s-a-002";
        assertThat(kubectl("cordon", node).exit()).isZero();
        Result cordoned = kubectl("get", "node", node);
        assertThat(kubectl("uncordon", node).exit()).isZero();
        Result uncordoned = kubectl("get", "node", node);

        assertThat(cordoned.out()).contains("Ready,SchedulingDisabled");
        assertThat(uncordoned.out()).doesNotContain("SchedulingDisabled").contains("Ready");
    }

    @Test
    void getPodsAsJsonIsAList() throws Exception {
        Result r = kubectl("get", "pods", "-n", "notebooks", "-o", "json");

        assertThat(r.exit()).as(r.err()).isZero();
        var list = SimHttp.JSON.readTree(r.out());
        assertThat(list.path("kind").asString()).isEqualTo("List");
        assertThat(list.path("items").size()).isPositive();
        assertThat(list.path("items").get(0).path("metadata").path("ownerReferences").get(0).path("kind").asString())
                .isEqualTo("StatefulSet");
    }

    @Test
    void workloadsAndEventsPrint() throws Exception {
        assertThat(kubectl("get", "deployments,statefulsets,daemonsets,jobs,pdb", "-A").out())
                .contains("nvidia-dcgm-exporter").contains("jupyter-").contains("coredns");
        assertThat(kubectl("get", "events", "-A").out()).contains("XidError").contains("FailedScheduling");
    }

    @Test
    void rawProxyReturnsExporterMetrics() throws Exception {
        Result pods = kubectl("get", "pods", "-n", "gpu-operator", "-l", "app=nvidia-dcgm-exporter",
                "--field-selector", "spec.nodeName=gpu-a100-b-001", "-o", "name");
        String pod = pods.out().trim().substring("pod/".length());
        Result r = kubectl("get", "--raw", "/api/v1/namespaces/gpu-operator/pods/" + pod + ":9400/proxy/metrics");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("GPU_I_PROFILE=\"1g.10gb\"").doesNotContain("DCGM_FI_DEV_GPU_UTIL{");
    }

    @Test
    void authCanIAndLogsWork() throws Exception {
        Result canI = kubectl("auth", "can-i", "create", "pods/eviction", "-n", "inference");
        String pod = kubectl("get", "pods", "-n", "gpu-operator", "-l", "app=nvidia-dcgm-exporter", "-o", "name")
                .out().lines().findFirst().orElseThrow();
        Result logs = kubectl("logs", "-n", "gpu-operator", pod);

        assertThat(canI.out().trim()).isEqualTo("yes");
        assertThat(logs.exit()).as(logs.err()).isZero();
        assertThat(logs.out()).contains("Starting dcgm-exporter");
    }
}
