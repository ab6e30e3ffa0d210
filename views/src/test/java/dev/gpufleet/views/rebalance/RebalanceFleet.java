package dev.gpufleet.views.rebalance;

import dev.gpufleet.core.actions.Capability;
import dev.gpufleet.core.actions.DrainExecution;
import dev.gpufleet.core.actions.NodeChange;
import dev.gpufleet.core.actions.NodeOperations;
import dev.gpufleet.core.actions.OperationException;
import dev.gpufleet.core.actions.RebalanceExecution;
import dev.gpufleet.core.actions.RebalanceOperations;
import dev.gpufleet.core.actions.Verdict;
import dev.gpufleet.core.drain.DrainEvent;
import dev.gpufleet.core.drain.DrainOptions;
import dev.gpufleet.core.drain.DrainPlan;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.rebalance.ApplyReport;
import dev.gpufleet.core.rebalance.Move;
import dev.gpufleet.core.rebalance.MoveEvent;
import dev.gpufleet.core.rebalance.PodBudget;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/// A fragmented three-node cluster of 8-GPU nodes for the rebalance view model: `ml/a` holds 4
/// GPUs of n1 (attributed by the exporter), `ml/b` 4 GPUs of n2 (attributed nowhere), `ml/c` all
/// of n3, and `ml/big` waits for 8 GPUs; moving one of the halves frees a node for it. Also the
/// fake cluster operations the tests drive.
final class RebalanceFleet {

    static final String CONTEXT = "lab";
    static final String GPU = "nvidia.com/gpu";
    static final String H100 = "NVIDIA-H100-80GB-HBM3";
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private RebalanceFleet() {
    }

    static FleetSnapshot fragmented() {
        return snapshot(List.of(
                node("n1", List.of(running("a", "n1", 4, "ReplicaSet")), List.of(0, 1, 2, 3), "a"),
                node("n2", List.of(running("b", "n2", 4, "ReplicaSet")), List.of(), "b"),
                node("n3", List.of(running("c", "n3", 8, "Job")), List.of(0, 1, 2, 3, 4, 5, 6, 7), "c")),
                List.of(pending("big", 8)));
    }

    /// The same cluster once `ml/big` is gone: nothing to defragment for.
    static FleetSnapshot withoutDemand() {
        return snapshot(fragmented().clusters().getFirst().nodes(), List.of());
    }

    static FleetSnapshot snapshot(List<NodeSnapshot> nodes, List<PodRecord> pending) {
        return new FleetSnapshot(7, T0, List.of(new ClusterSnapshot(CONTEXT, ConnectionStatus.of(ConnectionState.LIVE, T0), nodes,
                pending)));
    }

    /// An 8-GPU node holding `pods`; the GPUs in `attributed` name `holder` as the exporter would.
    static NodeSnapshot node(String name, List<PodRecord> pods, List<Integer> attributed, String holder) {
        NodeRecord record = new NodeRecord(name, Map.of(NodeRecord.LABEL_GPU_PRODUCT, H100), false, true, List.of(),
                Map.of(GPU, 8L), null, null);
        List<GpuSnapshot> gpus = new ArrayList<>();
        for (int g = 0; g < 8; g++) {
            double[] values = MetricValues.blankArray();
            values[Metric.GPU_UTIL.ordinal()] = 40;
            List<PodRef> on = attributed.contains(g) ? List.of(new PodRef("ml", holder, "main")) : List.of();
            gpus.add(new GpuSnapshot(g, name + "-gpu" + g, H100, Health.HEALTHY, MetricValues.wrap(values), T0,
                    List.of(), on));
        }
        return new NodeSnapshot(record, gpus, pods, T0, null);
    }

    static PodRecord running(String name, String node, long gpus, String ownerKind) {
        return new PodRecord("ml", name, node, "Running", new OwnerRef(ownerKind, name), Map.of(GPU, gpus));
    }

    static PodRecord pending(String name, long gpus) {
        return new PodRecord("ml", name, null, "Pending", new OwnerRef("Job", name), Map.of(GPU, gpus));
    }

    /// Permissions, production and read-only marks as a test sets them; no drains here.
    static final class Nodes implements NodeOperations {
        final Map<Capability, Verdict> verdicts = new HashMap<>();
        boolean production;
        boolean readOnly;

        @Override
        public Verdict check(String context, Capability capability) {
            return verdicts.getOrDefault(capability, Verdict.allow());
        }

        @Override
        public boolean isProduction(String context) {
            return production;
        }

        @Override
        public boolean isReadOnly(String context) {
            return readOnly;
        }

        @Override
        public String apply(String context, String node, NodeChange change) {
            throw new UnsupportedOperationException("not in these tests");
        }

        @Override
        public DrainPlan planDrain(String context, String node, DrainOptions options) {
            throw new UnsupportedOperationException("not in these tests");
        }

        @Override
        public DrainExecution startDrain(String context, DrainPlan plan, Consumer<DrainEvent> listener) {
            throw new UnsupportedOperationException("not in these tests");
        }
    }

    /// Budgets as set; a start that records what it was given and a run the test drives.
    static final class Moves implements RebalanceOperations, RebalanceExecution {
        List<PodBudget> budgets = List.of();
        OperationException budgetFailure;
        RuntimeException startFailure;
        List<Move> started;
        int concurrency;
        boolean cordon;
        Consumer<MoveEvent> listener;
        final CompletableFuture<ApplyReport> result = new CompletableFuture<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public List<PodBudget> budgets(String context) throws OperationException {
            if (budgetFailure != null) {
                throw budgetFailure;
            }
            return budgets;
        }

        @Override
        public RebalanceExecution start(String context, List<Move> moves, int concurrency, boolean cordonSources,
                Consumer<MoveEvent> listener) {
            if (startFailure != null) {
                throw startFailure;
            }
            this.started = moves;
            this.concurrency = concurrency;
            this.cordon = cordonSources;
            this.listener = listener;
            return this;
        }

        @Override
        public CompletableFuture<ApplyReport> result() {
            return result;
        }

        @Override
        public void pause() {
            calls.add("pause");
        }

        @Override
        public void resume() {
            calls.add("resume");
        }

        @Override
        public void cancel() {
            calls.add("cancel");
        }
    }
}
