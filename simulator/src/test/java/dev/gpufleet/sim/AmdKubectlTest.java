package dev.gpufleet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

/// The real kubectl against a mixed fleet: AMD nodes print in the server-side Table like the
/// NVIDIA ones, and their exporter answers `kubectl get --raw` through the pod proxy. Skipped
/// where kubectl is not installed.
@Timeout(120)
class AmdKubectlTest {

    private static SimulatorServer sim;
    private static Path kubeconfig;
    private static String kubectl;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        kubectl = KubectlTest.findKubectl();
        if (kubectl == null) {
            System.err.println("SKIPPED kubectl AMD node checks: kubectl not found on PATH");
        }
        Assumptions.assumeTrue(kubectl != null, "kubectl not found on PATH");
        sim = SimulatorServer.start(new SimConfig(2, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS, 4));
        kubeconfig = dir.resolve("sim.kubeconfig");
        sim.writeKubeconfig(kubeconfig, SimulatorServer.DEFAULT_CONTEXT);
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private static String kubectl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(kubectl, "--kubeconfig", kubeconfig.toString(),
                "--cache-dir", dir.resolve("cache").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        return out;
    }

    @Test
    void getNodesShowsAmdNodesReadyBesideNvidiaOnes() throws Exception {
        List<String> lines = kubectl("get", "nodes", "-l", "feature.node.kubernetes.io/amd-gpu=true").lines().toList();

        assertThat(lines.getFirst()).containsSubsequence("NAME", "STATUS", "ROLES", "AGE", "VERSION");
        assertThat(lines.subList(1, lines.size())).hasSize(4).allSatisfy(l -> assertThat(l)
                .startsWith("gpu-mi300x-a-00").contains("Ready").contains("v1.31.4"));
        assertThat(kubectl("get", "nodes").lines().skip(1)).hasSize(6);
    }

    @Test
    void describeShowsPartitionsAsAmdGpus() throws Exception {
        String out = kubectl("describe", "node", "gpu-mi300x-a-004");

        assertThat(out).contains("amd.com/gpu.product-name=AMD_Instinct_MI300X_OAM")
                .contains("amd.com/compute-memory-partition=cpx_nps4")
                .containsPattern("amd.com/gpu:\\s+64")
                .contains("kube-amd-gpu").contains("gpu-operator-metrics-exporter-");
    }

    @Test
    void exporterTextComesThroughThePodProxy() throws Exception {
        String pod = kubectl("get", "pods", "-n", "kube-amd-gpu", "-l", "app.kubernetes.io/name=metrics-exporter",
                "--field-selector", "spec.nodeName=gpu-mi300x-a-001", "-o", "name").strip().replace("pod/", "");

        String text = kubectl("get", "--raw", "/api/v1/namespaces/kube-amd-gpu/pods/" + pod + ":5000/proxy/metrics");

        assertThat(text).contains("# TYPE gpu_gfx_activity gauge").contains("hostname=\"gpu-mi300x-a-001\"");
    }
}
