package dev.gpufleet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/// What an operator sees with kubectl when deleting and evicting pods (4 nodes, seed 42, on a
/// clock the test moves): `Terminating` until the containers stop, the owner's replacement,
/// and `kubectl get pdb` following the budget down and back up.
@Timeout(120)
class OperatorActionsTest {

    private final SteppedClock clock = new SteppedClock();
    private SimulatorServer sim;
    private SimHttp http;
    private String kubectl;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        kubectl = KubectlTest.findKubectl();
        if (kubectl == null) {
            System.err.println("SKIPPED kubectl operator-action checks: kubectl not found on PATH");
        }
        Assumptions.assumeTrue(kubectl != null, "kubectl not found on PATH");
        sim = SimulatorServer.start(new SimConfig(4, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS), clock);
        sim.writeKubeconfig(dir.resolve("kubeconfig"), SimulatorServer.DEFAULT_CONTEXT);
        http = new SimHttp(sim);
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private String kubectl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(kubectl, "--kubeconfig", dir.resolve("kubeconfig").toString(),
                "--cache-dir", dir.resolve("cache").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    // The 200 ms ticker acts on the stepped clock; wait (in real time) until it has.
    private String awaitKubectl(Predicate<String> done, String... args) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String out = kubectl(args);
        while (!done.test(out) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            out = kubectl(args);
        }
        return out;
    }

    private List<String> rerankerPods() throws Exception {
        List<String> names = new ArrayList<>();
        http.json("/api/v1/namespaces/inference/pods?labelSelector=app%3Dreranker-minilm-1g-10gb").path("items")
                .forEach(p -> names.add(p.path("metadata").path("name").asString()));
        return names;
    }

    private HttpResponse<String> evict(String pod) throws Exception {
        return http.send("POST", "/api/v1/namespaces/inference/pods/" + pod + "/eviction", "application/json",
                "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"" + pod + "\"}}");
    }

    @Test
    void aDeletedNotebookIsTerminatingUntilItStopsThenItsStatefulSetRecreatesIt() throws Exception {
        String uid = http.json("/api/v1/namespaces/notebooks/pods/jupyter-dave-0").path("metadata").path("uid").asString();

        assertThat(kubectl("delete", "pod", "-n", "notebooks", "jupyter-dave-0", "--wait=false"))
                .contains("pod \"jupyter-dave-0\" deleted");
        assertThat(kubectl("get", "pod", "-n", "notebooks", "jupyter-dave-0", "--no-headers")).contains("Terminating");
        JsonNode terminating = http.json("/api/v1/namespaces/notebooks/pods/jupyter-dave-0");
        assertThat(terminating.path("metadata").path("deletionGracePeriodSeconds").asLong()).isEqualTo(30);
        assertThat(terminating.path("metadata").path("uid").asString()).isEqualTo(uid);

        clock.advance(Duration.ofSeconds(3));
        String back = awaitKubectl(out -> !out.contains("Terminating"), "get", "pod", "-n", "notebooks",
                "jupyter-dave-0", "--no-headers");

        assertThat(back).contains("Pending");
        assertThat(http.json("/api/v1/namespaces/notebooks/pods/jupyter-dave-0").path("metadata").path("uid").asString())
                .isNotEqualTo(uid);
        assertThat(kubectl("get", "events", "-n", "notebooks", "--field-selector", "involvedObject.name=jupyter-dave-0",
                "-o", "custom-columns=REASON:.reason,MESSAGE:.message", "--no-headers"))
                .contains("FailedScheduling").contains("0/4 nodes are available: ")
                .contains("1 node(s) were unschedulable").contains("Insufficient nvidia.com/gpu");
        assertThat(kubectl("get", "events", "-n", "notebooks", "--field-selector", "involvedObject.name=jupyter-dave",
                "-o", "custom-columns=REASON:.reason,MESSAGE:.message", "--no-headers"))
                .contains("SuccessfulCreate").contains("create Pod jupyter-dave-0 in StatefulSet jupyter-dave successful");
    }

    @Test
    void kubectlGetPdbFollowsAnEvictionAndTheReplacementBecomingReady() throws Exception {
        String[] pdb = {"get", "pdb", "-n", "inference", "reranker-minilm-1g-10gb-pdb", "--no-headers",
            "-o", "custom-columns=ALLOWED:.status.disruptionsAllowed,HEALTHY:.status.currentHealthy"};
        assertThat(kubectl(pdb).trim().split("\\s+")).containsExactly("1", "4");
        List<String> pods = rerankerPods();

        HttpResponse<String> first = evict(pods.get(0));
        String spent = kubectl(pdb);
        HttpResponse<String> second = evict(pods.get(1));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(spent.trim().split("\\s+")).containsExactly("0", "3");
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.body()).contains("The disruption budget reranker-minilm-1g-10gb-pdb needs 3 healthy pods and has 3 currently");
        assertThat(kubectl("get", "pods", "-n", "inference", pods.get(0), "--no-headers")).contains("Terminating");

        // The pod stops; its ReplicaSet's replacement takes the freed MIG slice and becomes Ready.
        clock.advance(Duration.ofSeconds(3));
        awaitKubectl(out -> out.contains("Running") || out.contains("ContainerCreating"), "get", "pods", "-n", "inference",
                "-l", "app=reranker-minilm-1g-10gb", "--field-selector", "status.phase!=Running", "--no-headers");
        clock.advance(Duration.ofMillis(1_100));
        String recovered = awaitKubectl(out -> out.trim().startsWith("1"), pdb);

        assertThat(recovered.trim().split("\\s+")).containsExactly("1", "4");
        assertThat(rerankerPods()).hasSize(4).doesNotContain(pods.get(0));
        assertThat(evict(pods.get(1)).statusCode()).isEqualTo(201);
    }
}
