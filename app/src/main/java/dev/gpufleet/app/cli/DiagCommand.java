package dev.gpufleet.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gpufleet.app.FleetSession;
import dev.gpufleet.connectors.actions.ActionException;
import dev.gpufleet.connectors.actions.ClusterActions;
import dev.gpufleet.connectors.actions.Permissions;
import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.core.triage.DiagnosticReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/// `gpufleet diag NODE`: DCGM's diagnostics on one node, run as a Job, audited.
@Command(name = "diag", mixinStandardHelpOptions = true,
        description = {"Run DCGM diagnostics (dcgmi diag) on a node as a Job pinned to it and print the result.",
            "Best on a drained node: the diagnostic uses every GPU of the node."})
public final class DiagCommand implements Callable<Integer> {

    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Mixin
    ActionTarget target;

    @Parameters(index = "0", paramLabel = "NODE", description = "The node to diagnose.")
    String node;

    @Option(names = {"-r", "--level"}, defaultValue = "1", paramLabel = "N",
            description = "1 quick (seconds), 2 medium (about 2 min), 3 long (about 30 min), 4 extended (default: ${DEFAULT-VALUE}).")
    int level;

    @Option(names = "--timeout", defaultValue = "10m", paramLabel = "D", description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--namespace", defaultValue = "default", description = "Where the Job runs (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws Exception {
        if (level < 1 || level > 4) {
            throw new UserError("diag: --level is 1, 2, 3 or 4, not " + level + ".");
        }
        Duration limit = Durations.parse(timeout, "--timeout");
        AuditLog audit = target.auditLog();
        try (FleetSession session = target.session()) {
            String context = target.context(session, "diag");
            ReadOnlyGuard.check(context, "diag");
            try (ClusterActions actions = target.actions(session, context, "diag")) {
                actions.require(Permissions.Permission.CREATE_JOBS, "run diagnostics (a Job)");
                String what = "node/" + node;
                String id = intent(audit, actions, what);
                DiagnosticReport report;
                try {
                    report = actions.diagnostics(namespace).run(node, level, limit);
                } catch (ActionException failed) {
                    outcome(audit, id, actions, what, "failed", failed.getMessage());
                    throw new UserError("diag: " + failed.getMessage(), 1);
                }
                outcome(audit, id, actions, what, "ok", "DCGM diagnostic level " + level + ": " + report.overall());
                print(report);
                return report.overall() == DiagnosticReport.Status.FAIL ? 3 : 0;
            }
        }
    }

    private String intent(AuditLog audit, ClusterActions actions, String what) {
        try {
            return audit.intent(actions.context(), actions.user(), "diag", what,
                    Map.of("level", Integer.toString(level), "namespace", namespace));
        } catch (IOException e) {
            throw new UserError("diag: the audit log " + audit.file() + " cannot be written (" + e.getMessage()
                    + "), so nothing was done. Fix its directory's permissions or pass --audit-log FILE.");
        }
    }

    private static void outcome(AuditLog audit, String id, ClusterActions actions, String what, String result,
            String message) {
        try {
            audit.outcome(id, actions.context(), actions.user(), "diag", what, result, message, Map.of());
        } catch (IOException e) {
            throw new UserError("diag: done, but its outcome could not be added to the audit log " + audit.file()
                    + " (" + e.getMessage() + ").", 1);
        }
    }

    private void print(DiagnosticReport report) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            out.printf(Locale.ROOT, "DCGM diagnostic level %d on %s (DCGM %s): %s%n", report.level(), report.node(),
                    report.dcgmVersion(), report.overall());
            for (DiagnosticReport.Test test : report.tests()) {
                out.printf(Locale.ROOT, "  %-12s %-28s %s%n", test.category(), test.name(), test.worst());
                for (DiagnosticReport.Result result : test.results()) {
                    if (result.status() == DiagnosticReport.Status.FAIL || result.status() == DiagnosticReport.Status.WARN) {
                        out.printf(Locale.ROOT, "      GPU %d %s: %s%n", result.gpu(), result.status(), result.message());
                    }
                }
            }
        }
        out.flush();
    }
}
