package dev.gpufleet.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gpufleet.app.FleetSession;
import dev.gpufleet.app.actions.AuditedActions;
import dev.gpufleet.app.actions.SessionDiagnostics;
import dev.gpufleet.connectors.actions.ClusterActions;
import dev.gpufleet.core.actions.OperationException;
import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.core.triage.DiagnosticReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/// `gpufleet diag NODE`: DCGM's diagnostics on one node, run as a Job, audited (as the triage
/// panel's "Run diagnostics" is, through [AuditedActions#diagnose]).
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

    @Option(names = "--namespace", paramLabel = "NS",
            description = "Where the Job runs (default: the namespace of the node's dcgm-exporter, where the GPU operator"
                    + " runs DCGM, else default).")
    @Nullable String namespace;

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
                String where = namespace(actions);
                DiagnosticReport report = new AuditedActions(actions, audit).diagnose(where, node, level, limit,
                        step -> { }, () -> false);
                print(report);
                return report.overall() == DiagnosticReport.Status.FAIL ? 3 : 0;
            } catch (OperationException failed) {
                throw new UserError("diag: " + failed.getMessage(), 1);
            }
        }
    }

    /// `--namespace`, else the node's exporter's namespace (said on stderr), else `default`.
    private String namespace(ClusterActions actions) {
        if (namespace != null) {
            return namespace;
        }
        String found = actions.exporterNamespace(node).orElse(SessionDiagnostics.DEFAULT_NAMESPACE);
        spec.commandLine().getErr().println("diag: running the Job in namespace " + found
                + (found.equals(SessionDiagnostics.DEFAULT_NAMESPACE) ? " (no dcgm-exporter found on " + node + ")"
                        : " (where " + node + "'s dcgm-exporter runs)") + "; --namespace chooses another.");
        spec.commandLine().getErr().flush();
        return found;
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
