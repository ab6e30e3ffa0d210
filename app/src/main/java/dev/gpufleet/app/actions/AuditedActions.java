package dev.gpufleet.app.actions;

import dev.gpufleet.connectors.actions.ActionException;
import dev.gpufleet.connectors.actions.ClusterActions;
import dev.gpufleet.connectors.actions.DrainRun;
import dev.gpufleet.connectors.actions.MoveRun;
import dev.gpufleet.connectors.actions.PodMoves;
import dev.gpufleet.connectors.actions.Permissions;
import dev.gpufleet.core.actions.DiagnosticProgress;
import dev.gpufleet.core.actions.DrainExecution;
import dev.gpufleet.core.actions.LabelEdit;
import dev.gpufleet.core.actions.NodeChange;
import dev.gpufleet.core.actions.OperationException;
import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.core.drain.DrainEvent;
import dev.gpufleet.core.drain.DrainOptions;
import dev.gpufleet.core.drain.DrainPlan;
import dev.gpufleet.core.drain.DrainReport;
import dev.gpufleet.core.model.Taint;
import dev.gpufleet.core.rebalance.Move;
import dev.gpufleet.core.rebalance.MoveEvent;
import dev.gpufleet.core.rebalance.MoveResult;
import dev.gpufleet.core.triage.DiagnosticReport;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// One context's node changes, drains and diagnostics, each checked against RBAC first, written
/// to the audit log before (intent) and after (outcome), and left as an Event on the node. The
/// command line and the console both act through this, so they audit alike.
public final class AuditedActions {

    private static final Logger LOG = LoggerFactory.getLogger(AuditedActions.class);

    private final ClusterActions actions;
    private final AuditLog audit;

    public AuditedActions(ClusterActions actions, AuditLog audit) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /// Applies `change` to `node`; returns what happened (`node/x cordoned`, `node/x already cordoned`).
    public String change(String node, NodeChange change) throws OperationException {
        String verb = change.kind().verb();
        require(Permissions.Permission.PATCH_NODES, verb + " nodes");
        String target = "node/" + node;
        Map<String, String> details = change.taint() != null ? Map.of("taint", change.taint().toString())
                : change.label() != null ? Map.of("label", change.label().toString()) : Map.of();
        String id = intent(verb, target, details);
        try {
            boolean changed = apply(node, change);
            String said = said(node, change, changed);
            outcome(id, verb, target, "ok", said);
            if (changed) {
                actions.events().record(node, eventAction(change.kind()), eventReason(change.kind()),
                        "Node " + node + ": " + change.describe(), false);
            }
            return said;
        } catch (ActionException failed) {
            outcome(id, verb, target, "failed", failed.getMessage());
            throw new OperationException(failed.status(), failed.getMessage());
        }
    }

    /// Audits the intent, starts the drain, and when it ends audits the outcome and leaves an
    /// Event on the node; the execution's result completes after both.
    public DrainExecution startDrain(DrainPlan plan, Consumer<DrainEvent> listener) throws OperationException {
        String target = "node/" + plan.node();
        String id = intent("drain", target, details(plan));
        DrainRun run = actions.drainer().start(plan, listener);
        CompletableFuture<DrainReport> recorded = run.result().handle((report, failure) -> {
            try {
                if (failure != null) {
                    outcome(id, "drain", target, "failed", String.valueOf(failure));
                    throw new IllegalStateException("the drain of " + plan.node() + " failed: " + failure, failure);
                }
                outcome(id, "drain", target, result(report.outcome()), report.message());
            } catch (OperationException auditFailed) {
                throw new IllegalStateException(auditFailed.getMessage(), auditFailed);
            }
            if (!plan.options().dryRun()) {
                actions.events().record(plan.node(), "Drain", "NodeDrain" + eventReason(report.outcome()),
                        "Drain of node " + plan.node() + ": " + report.gone().size() + " pods evicted, "
                                + report.remaining().size() + " remain (" + result(report.outcome()) + ")", true);
            }
            return report;
        });
        return new DrainExecution() {
            @Override
            public CompletableFuture<DrainReport> result() {
                return recorded;
            }

            @Override
            public void cancel() {
                run.cancel();
            }
        };
    }

    /// Applies a rebalance plan's moves; each is audited before its eviction (intent, with its
    /// step, source and expected target) and after (outcome). A move whose intent cannot be
    /// written fails before anything is evicted. The caller checks permissions first.
    public MoveRun startRebalance(List<Move> moves, PodMoves.Settings settings, Consumer<MoveEvent> listener) {
        Map<Integer, String> ids = new ConcurrentHashMap<>();
        return actions.moves().start(moves, settings, event -> {
            Move move = event.move();
            String target = "pod/" + move.pod().qualifiedName();
            switch (event) {
                case MoveEvent.Starting starting -> {
                    try {
                        ids.put(move.step(), intent("rebalance-move", target, Map.of("step",
                                Integer.toString(move.step()), "from", move.from(), "to", move.to(),
                                "goal", move.reason())));
                    } catch (OperationException auditFailed) {
                        throw new IllegalStateException(auditFailed.getMessage(), auditFailed);
                    }
                }
                case MoveEvent.Finished finished -> {
                    String id = ids.get(move.step());
                    if (id != null) {
                        moveOutcome(id, target, finished.result());
                        moveEvents(finished.result());
                    }
                }
                case MoveEvent.Evicting evicting -> {
                    // Progress only; the outcome is audited when the move ends.
                }
            }
            listener.accept(event);
        });
    }

    /// An Event on the node the pod left (a Warning: a workload was disrupted) and, when it
    /// landed elsewhere, one on the node it landed on, as drain and cordon leave theirs.
    private void moveEvents(MoveResult result) {
        Move move = result.move();
        String what = "Rebalance step " + move.step() + " (" + move.reason() + "): pod " + move.pod().qualifiedName();
        String reason = switch (result.status()) {
            case LANDED, GONE -> "PodRebalanced";
            case BLOCKED -> "PodRebalanceBlocked";
            case FAILED -> "PodRebalanceFailed";
            case STOPPED -> "PodRebalanceStopped";
        };
        actions.events().record(move.from(), "Rebalance", reason, what + " from node " + move.from() + ", planned for "
                + move.to() + ": " + result.message(), true);
        String landed = result.landedOn();
        if (result.status() == MoveResult.Status.LANDED && landed != null && !landed.equals(move.from())) {
            actions.events().record(landed, "Rebalance", "PodRebalancedHere", what + " landed here from node "
                    + move.from() + (landed.equals(move.to()) ? "" : " (planned for " + move.to() + ")"), false);
        }
    }

    private void moveOutcome(String id, String target, MoveResult result) {
        String word = switch (result.status()) {
            case LANDED, GONE -> "ok";
            case BLOCKED -> "blocked";
            case FAILED -> "failed";
            case STOPPED -> "cancelled";
        };
        try {
            outcome(id, "rebalance-move", target, word, result.message());
        } catch (OperationException auditFailed) {
            LOG.warn("{}", auditFailed.getMessage());
        }
    }

    /// Runs DCGM's diagnostics at `level` on `node` as a Job in `namespace`: checks `create
    /// jobs.batch` there, audits the intent and the outcome (`ok` with DCGM's overall status,
    /// `failed`, `cancelled`) and leaves an Event on the node. Blocks until the report is in.
    public DiagnosticReport diagnose(String namespace, String node, int level, Duration timeout,
            Consumer<DiagnosticProgress> progress, BooleanSupplier cancelled)
            throws OperationException, InterruptedException {
        require(createJobsIn(namespace), "run diagnostics (a Job)");
        String target = "node/" + node;
        String id = intent("diag", target, Map.of("level", Integer.toString(level), "namespace", namespace));
        try {
            DiagnosticReport report = actions.diagnostics(namespace).run(node, level, timeout, progress, cancelled);
            outcome(id, "diag", target, "ok", "DCGM diagnostic level " + level + ": " + report.overall());
            actions.events().record(node, "Diagnose", "NodeDiagnosed", "DCGM diagnostic level " + level + " on node "
                    + node + ": " + report.overall(), report.overall() == DiagnosticReport.Status.FAIL);
            return report;
        } catch (ActionException failed) {
            outcome(id, "diag", target, "failed", failed.getMessage());
            throw new OperationException(failed.status(), failed.getMessage());
        } catch (CancellationException | InterruptedException stopped) {
            outcome(id, "diag", target, "cancelled", "cancelled; the diagnostic's Job was deleted");
            throw stopped;
        }
    }

    /// `create jobs.batch` in `namespace`, which DCGM diagnostics need.
    public static Permissions.Permission createJobsIn(String namespace) {
        return new Permissions.Permission("create", "batch", "jobs", "", namespace);
    }

    /// Refuses with the permission's name and what to do when the user may not.
    public void require(Permissions.Permission permission, String action) throws OperationException {
        try {
            actions.require(permission, action);
        } catch (ActionException denied) {
            throw new OperationException(denied.status(), denied.getMessage());
        }
    }

    /// The audit log's word for how a drain ended: `ok`, `dry-run`, `refused`, `timed-out`…
    public static String result(DrainReport.Outcome outcome) {
        return switch (outcome) {
            case DRAINED -> "ok";
            case DRY_RUN -> "dry-run";
            case REFUSED -> "refused";
            case TIMED_OUT -> "timed-out";
            case CANCELLED -> "cancelled";
            case FAILED -> "failed";
        };
    }

    private boolean apply(String node, NodeChange change) throws ActionException {
        Taint taint = change.taint();
        return switch (change.kind()) {
            case CORDON -> actions.nodes().cordon(node);
            case UNCORDON -> actions.nodes().uncordon(node);
            case TAINT -> actions.nodes().taint(node, Objects.requireNonNull(taint));
            case UNTAINT -> actions.nodes().untaint(node, Objects.requireNonNull(taint).key(), taint.effect());
            case LABEL -> actions.nodes().label(node, Objects.requireNonNull(change.label()).key(), change.label().value());
        };
    }

    private static String said(String node, NodeChange change, boolean changed) {
        String target = "node/" + node;
        return switch (change.kind()) {
            case CORDON -> target + (changed ? "" : " already") + " cordoned";
            case UNCORDON -> target + (changed ? "" : " already") + " uncordoned";
            case TAINT -> target + (changed ? " tainted " : " already has taint ") + change.taint();
            case UNTAINT -> target + (changed ? " untainted " : " has no taint ") + change.taint();
            case LABEL -> target + labelSaid(Objects.requireNonNull(change.label()), changed);
        };
    }

    private static String labelSaid(LabelEdit label, boolean changed) {
        if (label.removes()) {
            return changed ? " unlabeled " + label.key() : " has no label " + label.key();
        }
        return (changed ? " labeled " : " already labeled ") + label;
    }

    private static String eventAction(NodeChange.Kind kind) {
        return switch (kind) {
            case CORDON -> "Cordon";
            case UNCORDON -> "Uncordon";
            case TAINT -> "Taint";
            case UNTAINT -> "Untaint";
            case LABEL -> "Label";
        };
    }

    private static String eventReason(NodeChange.Kind kind) {
        return switch (kind) {
            case CORDON -> "NodeCordoned";
            case UNCORDON -> "NodeUncordoned";
            case TAINT -> "NodeTainted";
            case UNTAINT -> "NodeUntainted";
            case LABEL -> "NodeLabeled";
        };
    }

    private static String eventReason(DrainReport.Outcome outcome) {
        return switch (outcome) {
            case DRAINED -> "Completed";
            case TIMED_OUT -> "TimedOut";
            case CANCELLED -> "Cancelled";
            default -> "Failed";
        };
    }

    private static Map<String, String> details(DrainPlan plan) {
        DrainOptions options = plan.options();
        return Map.of("dryRun", String.valueOf(options.dryRun()), "force", String.valueOf(options.force()),
                "deleteEmptyDirData", String.valueOf(options.deleteEmptyDirData()),
                "timeout", options.timeout().toSeconds() + "s", "scope", options.scope().toString(),
                "pods", String.valueOf(plan.removals().size()));
    }

    private String intent(String verb, String target, Map<String, String> details) throws OperationException {
        try {
            return audit.intent(actions.context(), actions.user(), verb, target, details);
        } catch (IOException e) {
            throw new OperationException(0, "the audit log " + audit.file() + " cannot be written (" + e.getMessage()
                    + "), so nothing was done. Fix its directory's permissions or choose another audit log file.");
        }
    }

    private void outcome(String id, String verb, String target, String result, String message)
            throws OperationException {
        try {
            audit.outcome(id, actions.context(), actions.user(), verb, target, result, message, Map.of());
        } catch (IOException e) {
            throw new OperationException(0, "done, but its outcome could not be added to the audit log "
                    + audit.file() + " (" + e.getMessage() + ").");
        }
    }
}
