package dev.gpufleet.core.actions;

import dev.gpufleet.core.triage.DiagnosticReport;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/// The console's port for running DCGM's diagnostics (`dcgmi diag -r LEVEL`) on a node as a Job,
/// audited (intent before, outcome after) and left as an Event on the node.
public interface NodeDiagnostics {

    /// The namespace the diagnostic Jobs are created in.
    String namespace();

    /// Whether the user of `context` may run diagnostics there: the context is not read-only and
    /// a SelfSubjectAccessReview allows `create jobs.batch` in [#namespace()]. Blocks on the API
    /// server: call it off the UI thread.
    Verdict check(String context);

    /// Starts level `level` (1 to 4) on `node`; `progress` hears each step from the run's thread.
    /// Throws when it cannot start (read-only, denied, audit log unwritable).
    DiagnosticRun start(String context, String node, int level, Consumer<DiagnosticProgress> progress)
            throws OperationException;

    /// A diagnostic under way.
    interface DiagnosticRun {

        /// Completes with DCGM's report, or exceptionally with an [OperationException] (which
        /// says what went wrong) or a [java.util.concurrent.CancellationException] after [#cancel()].
        CompletableFuture<DiagnosticReport> result();

        /// Stops waiting and deletes the Job with its pod; the outcome is audited as cancelled.
        void cancel();
    }
}
