package dev.gpufleet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpufleet.connectors.kube.KubeClients;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.audit.AuditEntry;
import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.sim.Scenario;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// `gpufleet rebalance plan|apply` over HTTP against the simulator's fragmented scenario
/// (16 H100 nodes × 8 GPUs, scattered 1-2 GPU pods, Pending 8-GPU Jobs, two degraded nodes,
/// budgets on the larger Deployments, a packing scheduler): the plan is printed, applied, and
/// afterwards stranded GPUs are down by at least 35 %, the 8-GPU Jobs run, and no budget was
/// ever overdrawn.
class RebalanceCommandTest {

    private static final Logger LOG = LoggerFactory.getLogger(RebalanceCommandTest.class);
    private static final String CONTEXT = SimulatorServer.DEFAULT_CONTEXT;
    private static final SimConfig FLEET = new SimConfig(16, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private SimulatorServer sim;
    private Path kubeconfig;

    @BeforeEach
    void start() throws Exception {
        sim = SimulatorServer.start(FLEET, Scenario.FRAGMENTED);
        kubeconfig = dir.resolve("sim.kubeconfig");
        sim.writeKubeconfig(kubeconfig, CONTEXT);
        awaitSmallPodsScheduled();
    }

    /// The scenario's Pending Deployment replicas of 1-2 GPUs fit at once and the simulator's
    /// scheduler binds them on its first ticks; plans are compared only after that.
    private void awaitSmallPodsScheduled() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (KubernetesClient client = client()) {
            while (client.pods().inAnyNamespace().list().getItems().stream()
                    .anyMatch(p -> p.getSpec().getNodeName() == null && gpus(p) < 8)) {
                assertThat(System.nanoTime()).as("small Pending pods still unscheduled").isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }

    private static long gpus(Pod pod) {
        return pod.getSpec().getContainers().stream()
                .filter(c -> c.getResources() != null && c.getResources().getLimits() != null)
                .mapToLong(c -> c.getResources().getLimits().getOrDefault("nvidia.com/gpu",
                        new io.fabric8.kubernetes.api.model.Quantity("0")).getNumericalAmount().longValue())
                .sum();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private JsonNode plan() throws Exception {
        CliRun run = CliRun.of("rebalance", "plan", "--kubeconfig", kubeconfig.toString(), "--format", "json",
                "--max-moves", "40");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void planIsPrintedAsMarkdownWithTheEffect() {
        CliRun run = CliRun.of("rebalance", "plan", "--kubeconfig", kubeconfig.toString(), "--max-moves", "40");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("# Rebalance plan for " + CONTEXT + " (goal defrag)", "| step | pod |",
                "## Expected effect", "stranded GPUs: ", "pending pods that fit afterwards: ");
        assertThat(run.out()).containsPattern("\\| 1 \\| [a-z-]+/[a-z0-9-]+ \\| [12] \\| gpu-h100-a-\\d+ \\|");
    }

    @Test
    void badGoalAndConcurrencyAreNamed() {
        CliRun goal = CliRun.of("rebalance", "plan", "--kubeconfig", kubeconfig.toString(), "--goal", "pack");
        CliRun concurrency = CliRun.of("rebalance", "apply", "--kubeconfig", kubeconfig.toString(), "--yes",
                "--concurrency", "0");

        assertThat(goal.exitCode()).isNotZero();
        assertThat(goal.err()).contains("--goal", "pack", "defrag, evacuate or spread");
        assertThat(concurrency.exitCode()).isNotZero();
        assertThat(concurrency.err()).contains("--concurrency must be 1 or more");
    }

    @Test
    void applyingThePlanCutsStrandedGpusAndRunsThePendingJobs() throws Exception {
        JsonNode before = plan();
        long strandedBefore = before.path("effect").path("strandedBefore").asLong();
        List<String> pending = names(before.path("effect").path("pendingThatFit"));
        assertThat(strandedBefore).isPositive();
        assertThat(pending).isNotEmpty();
        Map<String, Integer> allowed = allowedDisruptions();
        before.path("budgets").properties().forEach(e ->
                assertThat(e.getValue().asInt()).as("evictions planned under " + e.getKey())
                        .isLessThanOrEqualTo(allowed.getOrDefault(e.getKey(), 0)));

        Path audit = dir.resolve("audit.jsonl");
        CliRun apply = CliRun.of("rebalance", "apply", "--kubeconfig", kubeconfig.toString(), "--yes", "--max-moves",
                "40", "--audit-log", audit.toString(), "--timeout", "120s");
        LOG.info("apply:\n{}\n{}", apply.out(), apply.err());

        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        // apply plans afresh: on a busy machine telemetry may still be arriving, so its plan can
        // differ from the one above in detail; every move of the plan it applied must be done.
        var applying = java.util.regex.Pattern.compile("Applying (\\d+) moves, 2 at a time").matcher(apply.out());
        assertThat(applying.find()).as(apply.out()).isTrue();
        int moves = Integer.parseInt(applying.group(1));
        assertThat(moves).isPositive();
        assertThat(apply.out()).contains("move 1: moving ", moves + " of " + moves + " moves done");
        List<AuditEntry> entries = new AuditLog(audit).read();
        assertThat(entries).filteredOn(e -> e.phase() == AuditEntry.Phase.intent).hasSize(moves);
        assertThat(entries).filteredOn(e -> e.phase() == AuditEntry.Phase.outcome).extracting(AuditEntry::result)
                .hasSize(moves).containsOnly("ok");
        awaitRunning(pending);
        JsonNode after = plan();
        long strandedAfter = after.path("effect").path("strandedBefore").asLong();
        LOG.info("stranded GPUs before {}, after {} ({} GPU-hours/day before, {} after); {} moves; pending that fit {}",
                strandedBefore, strandedAfter, strandedBefore * 24, strandedAfter * 24, moves, pending);
        assertThat(strandedAfter).isLessThanOrEqualTo((long) Math.floor(strandedBefore * 0.65));
        assertThat(allowedDisruptions().values()).allMatch(n -> n >= 0);
        assertEventsOnTheSourceNodes(entries, moves);

        applyAgainUntilNothingIsLeft(entries, strandedAfter);
    }

    /// Every move left a Warning Event on the node its pod left, as drain and cordon do.
    private void assertEventsOnTheSourceNodes(List<AuditEntry> entries, int moves) throws Exception {
        List<String> sources = entries.stream().filter(e -> e.phase() == AuditEntry.Phase.intent)
                .map(e -> e.details().get("from")).toList();
        try (KubernetesClient client = client()) {
            List<io.fabric8.kubernetes.api.model.Event> events = client.v1().events().inNamespace("default").list()
                    .getItems().stream().filter(e -> "PodRebalanced".equals(e.getReason())).toList();
            assertThat(events).hasSize(moves).allSatisfy(event -> {
                assertThat(event.getType()).isEqualTo("Warning");
                assertThat(event.getInvolvedObject().getKind()).isEqualTo("Node");
                assertThat(event.getMessage()).startsWith("Rebalance step ").contains(" with gpufleet)");
            });
            assertThat(events).extracting(e -> e.getInvolvedObject().getName())
                    .containsExactlyInAnyOrderElementsOf(sources);
            assertThat(client.v1().events().inNamespace("default").list().getItems())
                    .filteredOn(e -> "PodRebalancedHere".equals(e.getReason())).isNotEmpty();
        }
    }

    /// Plans and applies again after the first round: stranded never goes back up, no workload
    /// is moved back to the node a move took it from, and within two more rounds an apply
    /// finds nothing to do, says so and exits 0.
    private void applyAgainUntilNothingIsLeft(List<AuditEntry> firstRound, long strandedAfterFirst) throws Exception {
        Set<String> movedAway = new HashSet<>();
        firstRound.stream().filter(e -> e.phase() == AuditEntry.Phase.intent).forEach(e ->
                movedAway.add(workloadOf(e.target().substring("pod/".length())) + " " + e.details().get("to") + " "
                        + e.details().get("from")));
        long stranded = strandedAfterFirst;
        for (int round = 2; round <= 4; round++) {
            JsonNode plan = plan();
            long strandedNow = plan.path("effect").path("strandedBefore").asLong();
            assertThat(strandedNow).as("stranded before round %s", round).isLessThanOrEqualTo(stranded);
            for (JsonNode move : plan.path("moves")) {
                String owner = move.path("owner").asText("");
                String key = (owner.contains("/") ? owner.substring(owner.indexOf('/') + 1)
                        : workloadOf(move.path("pod").asText())) + " " + move.path("from").asText() + " "
                        + move.path("to").asText();
                assertThat(movedAway).as("round %s moves %s back", round, move.path("pod").asText()).doesNotContain(key);
            }
            Path audit = dir.resolve("audit" + round + ".jsonl");
            CliRun apply = CliRun.of("rebalance", "apply", "--kubeconfig", kubeconfig.toString(), "--yes",
                    "--max-moves", "40", "--audit-log", audit.toString(), "--timeout", "120s");
            LOG.info("round {} apply:\n{}\n{}", round, apply.out(), apply.err());
            assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
            if (apply.out().contains("Nothing to apply.")) {
                assertThat(Files.exists(audit)).as("an apply with nothing to do audits nothing").isFalse();
                return;
            }
            new AuditLog(audit).read().stream().filter(e -> e.phase() == AuditEntry.Phase.intent).forEach(e ->
                    movedAway.add(workloadOf(e.target().substring("pod/".length())) + " " + e.details().get("to") + " "
                            + e.details().get("from")));
            stranded = strandedNow;
        }
        throw new AssertionError("rebalance apply still found moves after four rounds: it does not settle");
    }

    /// The controller a pod's name says it belongs to: `ns/web-7d9f8b6c5d-x2k4q` → `web-7d9f8b6c5d`
    /// (its ReplicaSet), `ns/train-0` → `train` (a Job's or StatefulSet's pods).
    private static String workloadOf(String qualifiedPod) {
        String pod = qualifiedPod.substring(qualifiedPod.indexOf('/') + 1);
        int dash = pod.lastIndexOf('-');
        return dash > 0 ? pod.substring(0, dash) : pod;
    }

    private static List<String> names(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private KubernetesClient client() throws Exception {
        return KubeClients.create(Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT), "sim"), CONTEXT,
                Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    private Map<String, Integer> allowedDisruptions() throws Exception {
        Map<String, Integer> allowed = new HashMap<>();
        try (KubernetesClient client = client()) {
            for (PodDisruptionBudget pdb : client.policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems()) {
                allowed.put(pdb.getMetadata().getNamespace() + "/" + pdb.getMetadata().getName(),
                        pdb.getStatus().getDisruptionsAllowed());
            }
        }
        return allowed;
    }

    /// Waits, at most a minute, until as many 8-GPU pods run as the plan said would fit (which
    /// ones is the scheduler's choice, as on a real cluster).
    private void awaitRunning(List<String> pendingPods) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KubernetesClient client = client()) {
            while (true) {
                long running = client.pods().inAnyNamespace().list().getItems().stream()
                        .filter(p -> gpus(p) == 8 && p.getSpec().getNodeName() != null
                                && "Running".equals(p.getStatus().getPhase())).count();
                if (running >= pendingPods.size()) {
                    return;
                }
                assertThat(System.nanoTime()).as("8-GPU pods running: %s, want %s", running, pendingPods)
                        .isLessThan(deadline);
                Thread.sleep(500);
            }
        }
    }
}
