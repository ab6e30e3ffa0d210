package dev.gpufleet.views.actions;

import dev.gpufleet.core.actions.Capability;
import dev.gpufleet.core.actions.DrainExecution;
import dev.gpufleet.core.actions.NodeChange;
import dev.gpufleet.core.actions.NodeOperations;
import dev.gpufleet.core.actions.OperationException;
import dev.gpufleet.core.actions.Verdict;
import dev.gpufleet.core.drain.BudgetStatus;
import dev.gpufleet.core.drain.DrainCandidate;
import dev.gpufleet.core.drain.DrainEvent;
import dev.gpufleet.core.drain.DrainOptions;
import dev.gpufleet.core.drain.DrainPlan;
import dev.gpufleet.core.drain.DrainPlanner;
import dev.gpufleet.core.drain.DrainReport;
import dev.gpufleet.core.drain.GpuPlacement;
import dev.gpufleet.core.model.OwnerRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/// A cluster for the view models: a node whose pods cover every disposition, plans made by the
/// real [DrainPlanner], and a drain the test drives event by event.
final class FakeOperations implements NodeOperations {

    static final String NODE = "gpu-h100-a-007";

    static final DrainCandidate TRAINER = pod("ml", "trainer-0", new OwnerRef("Job", "trainer"), false,
            List.of(new GpuPlacement(3, OptionalInt.empty(), "H100")), List.of("trainer-pdb"));
    static final DrainCandidate VLLM = pod("inference", "vllm-7d9-abc", new OwnerRef("ReplicaSet", "vllm-7d9"), false,
            List.of(new GpuPlacement(5, OptionalInt.of(2), "H100 3g.40gb")), List.of());
    static final DrainCandidate DCGM = pod("gpu-operator", "dcgm-exporter-x", new OwnerRef("DaemonSet", "dcgm"), false,
            List.of(), List.of());
    static final DrainCandidate DEBUG = pod("ml", "debug-shell", null, false, List.of(), List.of());
    static final BudgetStatus TRAINER_PDB = new BudgetStatus("ml", "trainer-pdb", 0, 2, 2, 2);

    final Map<String, Verdict> verdicts = new HashMap<>();
    final List<String> applied = new ArrayList<>();
    final Map<String, OperationException> failures = new HashMap<>();
    boolean production;
    boolean readOnly;
    OperationException planFailure;
    Consumer<DrainEvent> listener;
    DrainPlan started;
    final CompletableFuture<DrainReport> result = new CompletableFuture<>();
    boolean cancelled;

    static DrainCandidate pod(String ns, String name, OwnerRef owner, boolean emptyDir, List<GpuPlacement> gpus,
            List<String> budgets) {
        return new DrainCandidate(ns, name, "uid-" + name, "Running", owner, false, emptyDir, false, gpus.size(), gpus,
                budgets);
    }

    @Override
    public Verdict check(String context, Capability capability) {
        return verdicts.getOrDefault(context + "/" + capability, Verdict.allow());
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
    public String apply(String context, String node, NodeChange change) throws OperationException {
        OperationException failure = failures.get(node);
        if (failure != null) {
            throw failure;
        }
        applied.add(change.describe() + " " + context + "/" + node);
        return "node/" + node + " " + change.kind().verb() + "ed";
    }

    @Override
    public DrainPlan planDrain(String context, String node, DrainOptions options) throws OperationException {
        if (planFailure != null) {
            throw planFailure;
        }
        return DrainPlanner.plan(node, List.of(TRAINER, VLLM, DCGM, DEBUG), List.of(TRAINER_PDB), options);
    }

    @Override
    public DrainExecution startDrain(String context, DrainPlan plan, Consumer<DrainEvent> events) {
        this.started = plan;
        this.listener = events;
        return new DrainExecution() {
            @Override
            public CompletableFuture<DrainReport> result() {
                return result;
            }

            @Override
            public void cancel() {
                cancelled = true;
            }
        };
    }
}
