package dev.gpufleet.app.cli;

import dev.gpufleet.app.FleetSession;
import dev.gpufleet.connectors.actions.ActionException;
import dev.gpufleet.connectors.actions.ClusterActions;
import dev.gpufleet.connectors.actions.Permissions;
import dev.gpufleet.core.audit.AuditLog;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/// `gpufleet cordon NODE` and `gpufleet uncordon NODE`, audited.
final class NodeCommands {

    private NodeCommands() {
    }

    @Command(name = "cordon", mixinStandardHelpOptions = true,
            description = "Mark a node unschedulable (as kubectl cordon); its pods keep running.")
    static final class Cordon implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ActionTarget target;
        @Parameters(index = "0", paramLabel = "NODE", description = "The node to cordon.") String node;

        @Override
        public Integer call() {
            return change(spec, target, "cordon", node, true);
        }
    }

    @Command(name = "uncordon", mixinStandardHelpOptions = true,
            description = "Mark a node schedulable again (as kubectl uncordon).")
    static final class Uncordon implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ActionTarget target;
        @Parameters(index = "0", paramLabel = "NODE", description = "The node to uncordon.") String node;

        @Override
        public Integer call() {
            return change(spec, target, "uncordon", node, false);
        }
    }

    private static int change(CommandSpec spec, ActionTarget target, String verb, String node, boolean cordon) {
        AuditLog audit = target.auditLog();
        try (FleetSession session = target.session()) {
            String context = target.context(session, verb);
            ReadOnlyGuard.check(context, verb);
            try (ClusterActions actions = target.actions(session, context, verb)) {
                try {
                    actions.require(Permissions.Permission.PATCH_NODES, verb + " nodes");
                } catch (ActionException denied) {
                    throw new UserError(verb + ": " + denied.getMessage(), 1);
                }
                String id = Audit.intent(audit, actions, verb, "node/" + node, Map.of());
                try {
                    boolean changed = cordon ? actions.nodes().cordon(node) : actions.nodes().uncordon(node);
                    String said = "node/" + node + (changed ? "" : " already") + (cordon ? " cordoned" : " uncordoned");
                    Audit.outcome(audit, id, actions, verb, "node/" + node, "ok", said);
                    if (changed) {
                        actions.events().record(node, cordon ? "Cordon" : "Uncordon",
                                cordon ? "NodeCordoned" : "NodeUncordoned", "Node " + node + (cordon ? " cordoned" : " uncordoned"),
                                false);
                    }
                    spec.commandLine().getOut().println(said);
                    spec.commandLine().getOut().flush();
                    return 0;
                } catch (ActionException failed) {
                    Audit.outcome(audit, id, actions, verb, "node/" + node, "failed", failed.getMessage());
                    throw new UserError(verb + ": " + failed.getMessage(), 1);
                }
            }
        }
    }

    /// Audit writes that turn a log that cannot be written into a refusal to act.
    static final class Audit {

        private Audit() {
        }

        static String intent(AuditLog audit, ClusterActions actions, String verb, String target,
                Map<String, String> details) {
            try {
                return audit.intent(actions.context(), actions.user(), verb, target, details);
            } catch (IOException e) {
                throw new UserError(verb + ": the audit log " + audit.file() + " cannot be written (" + e.getMessage()
                        + "), so nothing was done. Fix its directory's permissions or pass --audit-log FILE.");
            }
        }

        static void outcome(AuditLog audit, String id, ClusterActions actions, String verb, String target, String result,
                String message) {
            try {
                audit.outcome(id, actions.context(), actions.user(), verb, target, result, message, Map.of());
            } catch (IOException e) {
                throw new UserError(verb + ": done, but its outcome could not be added to the audit log "
                        + audit.file() + " (" + e.getMessage() + ").", 1);
            }
        }
    }
}
