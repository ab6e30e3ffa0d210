package dev.gpufleet.app.cli;

import dev.gpufleet.app.FleetSession;
import dev.gpufleet.app.actions.AuditedActions;
import dev.gpufleet.connectors.actions.ClusterActions;
import dev.gpufleet.core.actions.NodeChange;
import dev.gpufleet.core.actions.OperationException;
import dev.gpufleet.core.audit.AuditLog;
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
                String said = new AuditedActions(actions, audit).change(node,
                        cordon ? NodeChange.cordon() : NodeChange.uncordon());
                spec.commandLine().getOut().println(said);
                spec.commandLine().getOut().flush();
                return 0;
            } catch (OperationException failed) {
                throw new UserError(verb + ": " + failed.getMessage(), 1);
            }
        }
    }
}
