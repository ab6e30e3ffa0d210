package dev.gpufleet.connectors.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.connectors.kube.KubeClients;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodScheduling;
import dev.gpufleet.core.drain.DrainEvent;
import dev.gpufleet.core.rebalance.ApplyReport;
import dev.gpufleet.core.rebalance.Move;
import dev.gpufleet.core.rebalance.MoveEvent;
import dev.gpufleet.core.rebalance.MoveResult;
import dev.gpufleet.core.rebalance.PodBudget;
import dev.gpufleet.core.rebalance.Risk;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/// Rebalance moves over real HTTP against the simulated API server (4 nodes, seed 42, as in
/// [NodeDrainerTest]: `vllm-mistral-7b-pdb` allows no disruption and never recovers).
class PodMovesTest {

    private static final String CONTEXT = "sim";
    private static final String BUDGET = "vllm-mistral-7b-pdb";

    private SimulatorServer sim;
    private KubernetesClient client;
    private PodMoves moves;
    private final List<MoveEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sim = SimulatorServer.start(new SimConfig(4, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS));
        Kubeconfig kubeconfig = Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT), "simulator kubeconfig");
        client = KubeClients.create(kubeconfig, CONTEXT, Duration.ofSeconds(5), Duration.ofSeconds(10));
        moves = new PodMoves(client, CONTEXT);
    }

    @AfterEach
    void stop() {
        client.close();
        sim.close();
    }

    private Pod budgeted() {
        return client.pods().inNamespace("inference").list().getItems().stream()
                .filter(p -> p.getMetadata().getName().startsWith("vllm-mistral-7b")).findFirst().orElseThrow();
    }

    private static Move moveOf(Pod pod, String to, List<String> budgets) {
        var owner = pod.getMetadata().getOwnerReferences().getFirst();
        PodRecord record = new PodRecord(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                pod.getSpec().getNodeName(), "Running", new OwnerRef(owner.getKind(), owner.getName()), Map.of(),
                PodScheduling.NONE, false, null);
        return new Move(1, record, pod.getSpec().getNodeName(), to, "test",
                new Risk(0, Risk.Level.LOW, budgets, List.of()), null);
    }

    @Test
    void budgetsAreReadWithTheirPodsResolved() throws Exception {
        List<PodBudget> budgets = moves.budgets();

        PodBudget mistral = budgets.stream().filter(b -> b.status().name().equals(BUDGET)).findFirst().orElseThrow();
        assertThat(mistral.status().disruptionsAllowed()).isZero();
        assertThat(mistral.pods()).isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("inference/vllm-mistral-7b"));
        assertThat(mistral.pods()).contains("inference/" + budgeted().getMetadata().getName());
    }

    @Test
    void aBudgetRefusalIsRetriedNamedAndReportedWhenTheRunStops() throws Exception {
        Pod pod = budgeted();
        Move move = moveOf(pod, "gpu-a100-a-001", List.of("inference/" + BUDGET));

        MoveRun run = moves.start(List.of(move), new PodMoves.Settings(2, false, Duration.ofSeconds(7)), events::add);
        ApplyReport report = run.result().get(30, TimeUnit.SECONDS);

        assertThat(report.stopped()).isTrue();
        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(MoveResult.Status.BLOCKED);
            assertThat(r.message()).contains(BUDGET);
        });
        List<DrainEvent.EvictionBlocked> blocked = events.stream().filter(MoveEvent.Evicting.class::isInstance)
                .map(e -> ((MoveEvent.Evicting) e).event()).filter(DrainEvent.EvictionBlocked.class::isInstance)
                .map(DrainEvent.EvictionBlocked.class::cast).toList();
        assertThat(blocked).extracting(DrainEvent.EvictionBlocked::attempt).contains(1, 2);
        assertThat(client.pods().inNamespace("inference").withName(pod.getMetadata().getName()).get().getMetadata()
                .getUid()).isEqualTo(pod.getMetadata().getUid());
        assertThat(report.summary()).contains("0 of 1 move done", "1 blocked", "Stopped before the end");
    }

    @Test
    void aPodNoLongerOnItsSourceIsDoneWithoutAnEviction() throws Exception {
        Pod pod = budgeted();
        Move move = moveOf(pod, "gpu-a100-a-001", List.of());
        Move elsewhere = new Move(1, move.pod(), "gpu-a100-a-001", "gpu-h100-a-001", "test", move.risk(), null);

        ApplyReport report = moves.start(List.of(elsewhere), new PodMoves.Settings(1, false, Duration.ZERO), events::add)
                .result().get(30, TimeUnit.SECONDS);

        assertThat(report.succeeded()).isTrue();
        assertThat(report.results().getFirst().status()).isEqualTo(MoveResult.Status.GONE);
        assertThat(events).noneMatch(MoveEvent.Evicting.class::isInstance);
    }

    @Test
    void aPausedRunStartsNoMoveUntilResumed() throws Exception {
        Move first = moveOf(budgeted(), "gpu-a100-a-001", List.of());
        Move elsewhere = new Move(1, first.pod(), "gpu-a100-a-001", "gpu-h100-a-001", "test", first.risk(), null);
        MoveRun run = new MoveRun(List.of(elsewhere), new PodMoves.Settings(1, false, Duration.ZERO), events::add, moves);

        run.pause();
        run.start();
        Thread.sleep(500);

        assertThat(events).isEmpty();
        assertThat(run.result()).isNotDone();
        run.resume();
        ApplyReport report = run.result().get(30, TimeUnit.SECONDS);
        assertThat(run.isPaused()).isFalse();
        assertThat(report.succeeded()).isTrue();
        assertThat(events).first().isInstanceOf(MoveEvent.Starting.class);
    }

    @Test
    void cancellingAPausedRunStopsEveryMoveBeforeItStarts() throws Exception {
        Move first = moveOf(budgeted(), "gpu-a100-a-001", List.of());
        MoveRun run = new MoveRun(List.of(first), new PodMoves.Settings(1, false, Duration.ZERO), events::add, moves);

        run.pause();
        run.start();
        run.cancel();
        ApplyReport report = run.result().get(30, TimeUnit.SECONDS);

        assertThat(report.stopped()).isTrue();
        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(MoveResult.Status.STOPPED);
            assertThat(r.message()).contains("not started");
        });
        assertThat(events).isEmpty();
    }

    @Test
    void settingsRefuseNonsense() {
        assertThatThrownBy(() -> new PodMoves.Settings(0, false, Duration.ZERO)).hasMessageContaining("--concurrency");
        assertThatThrownBy(() -> new PodMoves.Settings(1, false, Duration.ofSeconds(-1))).hasMessageContaining("negative");
    }
}
