package dev.gpufleet.app.actions;

import dev.gpufleet.app.FleetSession;
import dev.gpufleet.connectors.actions.ActionException;
import dev.gpufleet.connectors.actions.ClusterActions;
import dev.gpufleet.connectors.kube.KubeconfigException;
import dev.gpufleet.core.actions.DiagnosticProgress;
import dev.gpufleet.core.actions.NodeDiagnostics;
import dev.gpufleet.core.actions.OperationException;
import dev.gpufleet.core.actions.Verdict;
import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.core.triage.DiagnosticReport;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

/// [NodeDiagnostics] over a [FleetSession]: each run opens the context's [ClusterActions], runs
/// [AuditedActions#diagnose] on a thread of its own (so `gpufleet diag` and the triage panel
/// audit alike) and closes them when it ends. A read-only context refuses.
public final class SessionDiagnostics implements NodeDiagnostics {

    /// Where the Jobs run unless told otherwise (as `gpufleet diag --namespace`'s default).
    public static final String DEFAULT_NAMESPACE = "default";

    private final FleetSession session;
    private final AuditLog audit;
    private final Predicate<String> readOnly;
    private final String namespace;

    public SessionDiagnostics(FleetSession session, AuditLog audit, Predicate<String> readOnly, String namespace) {
        this.session = Objects.requireNonNull(session, "session");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.readOnly = Objects.requireNonNull(readOnly, "readOnly");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    /// How long a level may take before the run gives up: DCGM's own estimates with room to spare.
    public static Duration timeout(int level) {
        return switch (level) {
            case 1 -> Duration.ofMinutes(5);
            case 2 -> Duration.ofMinutes(15);
            case 3 -> Duration.ofMinutes(60);
            default -> Duration.ofHours(3);
        };
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public Verdict check(String context) {
        if (readOnly.test(context)) {
            return Verdict.deny(readOnlyReason(context));
        }
        try (ClusterActions actions = open(context)) {
            actions.require(AuditedActions.createJobsIn(namespace), "run diagnostics (a Job)");
            return Verdict.allow();
        } catch (ActionException | OperationException denied) {
            return Verdict.deny(denied.getMessage());
        }
    }

    @Override
    public DiagnosticRun start(String context, String node, int level, Consumer<DiagnosticProgress> progress)
            throws OperationException {
        if (readOnly.test(context)) {
            throw new OperationException(0, readOnlyReason(context) + "; nothing was done.");
        }
        ClusterActions actions = open(context);
        AtomicBoolean cancelled = new AtomicBoolean();
        CompletableFuture<DiagnosticReport> result = new CompletableFuture<>();
        Thread.ofVirtual().name("gpufleet-diag-" + node).start(() -> {
            try (actions) {
                result.complete(new AuditedActions(actions, audit).diagnose(namespace, node, level, timeout(level),
                        progress, cancelled::get));
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                result.completeExceptionally(stopped);
            } catch (OperationException | RuntimeException failed) {
                result.completeExceptionally(failed);
            }
        });
        return new DiagnosticRun() {
            @Override
            public CompletableFuture<DiagnosticReport> result() {
                return result;
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        };
    }

    private static String readOnlyReason(String context) {
        return "context " + context + " is read-only in gpufleet (unlock it in the cluster list)";
    }

    private ClusterActions open(String context) throws OperationException {
        try {
            return session.actions(context);
        } catch (KubeconfigException e) {
            throw new OperationException(0, "Cannot act on context \"" + context + "\": " + e.getMessage());
        }
    }
}
