package dev.gpufleet.app.actions;

import dev.gpufleet.app.FleetSession;
import dev.gpufleet.connectors.actions.ActionException;
import dev.gpufleet.connectors.actions.ClusterActions;
import dev.gpufleet.connectors.actions.MoveRun;
import dev.gpufleet.connectors.actions.Permissions;
import dev.gpufleet.connectors.actions.PodMoves;
import dev.gpufleet.connectors.kube.KubeconfigException;
import dev.gpufleet.core.actions.Capability;
import dev.gpufleet.core.actions.DrainExecution;
import dev.gpufleet.core.actions.NodeChange;
import dev.gpufleet.core.actions.NodeOperations;
import dev.gpufleet.core.actions.OperationException;
import dev.gpufleet.core.actions.RebalanceExecution;
import dev.gpufleet.core.actions.RebalanceOperations;
import dev.gpufleet.core.actions.Verdict;
import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.core.drain.DrainEvent;
import dev.gpufleet.core.drain.DrainOptions;
import dev.gpufleet.core.drain.DrainPlan;
import dev.gpufleet.core.drain.DrainReport;
import dev.gpufleet.core.rebalance.ApplyReport;
import dev.gpufleet.core.rebalance.Move;
import dev.gpufleet.core.rebalance.MoveEvent;
import dev.gpufleet.core.rebalance.PodBudget;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

/// [NodeOperations] and [RebalanceOperations] over a [FleetSession]: each call opens the
/// context's [ClusterActions] (a drain or a rebalance keeps them until it ends) and acts through
/// [AuditedActions], so the console audits and records Events exactly as the command line does. The GPUs each pod holds come from the
/// session's newest snapshot.
public final class SessionNodeOperations implements NodeOperations, RebalanceOperations {

    private final FleetSession session;
    private final AuditLog audit;
    private final Predicate<String> production;
    private final Predicate<String> readOnly;

    /// `production` says which contexts are marked production (destructive actions there need
    /// a typed confirmation); nothing is read-only.
    public SessionNodeOperations(FleetSession session, AuditLog audit, Predicate<String> production) {
        this(session, audit, production, context -> false);
    }

    /// As the other, refusing every change on the contexts `readOnly` names.
    public SessionNodeOperations(FleetSession session, AuditLog audit, Predicate<String> production,
            Predicate<String> readOnly) {
        this.session = Objects.requireNonNull(session, "session");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.production = Objects.requireNonNull(production, "production");
        this.readOnly = Objects.requireNonNull(readOnly, "readOnly");
    }

    @Override
    public Verdict check(String context, Capability capability) {
        try (ClusterActions actions = open(context)) {
            actions.require(permission(capability), describe(capability));
            return Verdict.allow();
        } catch (ActionException | OperationException denied) {
            return Verdict.deny(denied.getMessage());
        }
    }

    @Override
    public boolean isProduction(String context) {
        return production.test(context);
    }

    @Override
    public boolean isReadOnly(String context) {
        return readOnly.test(context);
    }

    @Override
    public String apply(String context, String node, NodeChange change) throws OperationException {
        refuseIfReadOnly(context, change.kind().verb());
        try (ClusterActions actions = open(context)) {
            return new AuditedActions(actions, audit).change(node, change);
        }
    }

    @Override
    public DrainPlan planDrain(String context, String node, DrainOptions options) throws OperationException {
        if (!options.dryRun()) {
            refuseIfReadOnly(context, "drain");
        }
        try (ClusterActions actions = open(context)) {
            AuditedActions audited = new AuditedActions(actions, audit);
            if (!options.dryRun()) {
                audited.require(Permissions.Permission.PATCH_NODES, "cordon nodes");
            }
            audited.require(Permissions.Permission.EVICT_PODS, "evict pods");
            return actions.drainer().plan(node, options, SnapshotGpuAttribution.of(session.store().current(), context, node));
        } catch (ActionException failed) {
            throw new OperationException(failed.status(), failed.getMessage());
        }
    }

    @Override
    public DrainExecution startDrain(String context, DrainPlan plan, Consumer<DrainEvent> listener)
            throws OperationException {
        if (!plan.options().dryRun()) {
            refuseIfReadOnly(context, "drain");
        }
        ClusterActions actions = open(context);
        DrainExecution execution;
        try {
            execution = new AuditedActions(actions, audit).startDrain(plan, listener);
        } catch (OperationException | RuntimeException failed) {
            actions.close();
            throw failed;
        }
        CompletableFuture<DrainReport> closed = execution.result().whenComplete((report, failure) -> actions.close());
        return new DrainExecution() {
            @Override
            public CompletableFuture<DrainReport> result() {
                return closed;
            }

            @Override
            public void cancel() {
                execution.cancel();
            }
        };
    }

    @Override
    public List<PodBudget> budgets(String context) throws OperationException {
        try (ClusterActions actions = open(context)) {
            return actions.moves().budgets();
        } catch (ActionException failed) {
            throw new OperationException(failed.status(), failed.getMessage());
        }
    }

    /// Checks what `rebalance apply` checks (evict pods; patch nodes to cordon the sources), then
    /// starts the moves through [AuditedActions#startRebalance], each audited as the command line
    /// audits it; no timeout (the operator cancels).
    @Override
    public RebalanceExecution start(String context, List<Move> moves, int concurrency, boolean cordonSources,
            Consumer<MoveEvent> listener) throws OperationException {
        refuseIfReadOnly(context, "rebalance apply");
        PodMoves.Settings settings;
        try {
            settings = new PodMoves.Settings(concurrency, cordonSources, Duration.ZERO);
        } catch (IllegalArgumentException bad) {
            throw new OperationException(0, bad.getMessage() + "; nothing was done.");
        }
        ClusterActions actions = open(context);
        MoveRun run;
        try {
            AuditedActions audited = new AuditedActions(actions, audit);
            audited.require(Permissions.Permission.EVICT_PODS, "evict pods");
            if (cordonSources) {
                audited.require(Permissions.Permission.PATCH_NODES, "cordon nodes (cordon sources)");
            }
            run = audited.startRebalance(moves, settings, listener);
        } catch (OperationException | RuntimeException failed) {
            actions.close();
            throw failed;
        }
        CompletableFuture<ApplyReport> closed = run.result().whenComplete((report, failure) -> actions.close());
        return new RebalanceExecution() {
            @Override
            public CompletableFuture<ApplyReport> result() {
                return closed;
            }

            @Override
            public void pause() {
                run.pause();
            }

            @Override
            public void resume() {
                run.resume();
            }

            @Override
            public void cancel() {
                run.cancel();
            }
        };
    }

    private void refuseIfReadOnly(String context, String verb) throws OperationException {
        if (readOnly.test(context)) {
            throw new OperationException(0, "Context \"" + context + "\" is read-only in gpufleet, so nothing was done ("
                    + verb + "). Unlock it in the cluster list to allow changes.");
        }
    }

    private ClusterActions open(String context) throws OperationException {
        try {
            return session.actions(context);
        } catch (KubeconfigException e) {
            throw new OperationException(0, "Cannot act on context \"" + context + "\": " + e.getMessage());
        }
    }

    private static Permissions.Permission permission(Capability capability) {
        return switch (capability) {
            case CHANGE_NODES -> Permissions.Permission.PATCH_NODES;
            case EVICT_PODS -> Permissions.Permission.EVICT_PODS;
        };
    }

    private static String describe(Capability capability) {
        return switch (capability) {
            case CHANGE_NODES -> "cordon, uncordon, taint or label nodes";
            case EVICT_PODS -> "evict pods (drain)";
        };
    }
}
