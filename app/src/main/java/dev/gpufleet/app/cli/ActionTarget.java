package dev.gpufleet.app.cli;

import dev.gpufleet.app.FleetSession;
import dev.gpufleet.app.PlatformPaths;
import dev.gpufleet.connectors.actions.ClusterActions;
import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.kube.KubeconfigException;
import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.sim.SimConfig;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/// The options of commands that change one cluster (`cordon`, `uncordon`, `drain`): which
/// context, or the demo fleet to rehearse on, and where the audit log goes.
final class ActionTarget {

    @Mixin
    ClusterOptions clusters;

    @Option(names = "--demo", description = "Act on the built-in simulated fleet (a rehearsal; it ends with the command).")
    boolean demo;

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "Append the audit entries here (default: audit.jsonl in gpufleet's settings directory).")
    @Nullable Path auditLog;

    /// The one context to act on: `--context` (once), else the current one, else the demo fleet with `--demo`.
    String context(FleetSession session, String command) {
        if (clusters.contexts().size() > 1) {
            throw new UserError(command + " acts on one cluster at a time; give --context once.");
        }
        List<String> names = Sessions.clustersToConnect(session.kubeconfig(), clusters, demo, command);
        return names.getFirst();
    }

    FleetSession session() {
        return new FleetSession(new FleetStore(), Sessions.kubeconfig(clusters, demo), SimConfig.defaults(),
                ConnectionOptions.defaults());
    }

    ClusterActions actions(FleetSession session, String context, String command) {
        try {
            return session.actions(context);
        } catch (KubeconfigException e) {
            throw new UserError(command + ": " + e.getMessage());
        }
    }

    AuditLog auditLog() {
        return new AuditLog(auditLog != null ? auditLog : PlatformPaths.auditLog());
    }
}
