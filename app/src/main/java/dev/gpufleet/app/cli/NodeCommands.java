package dev.gpufleet.app.cli;

import dev.gpufleet.app.FleetSession;
import dev.gpufleet.app.actions.AuditedActions;
import dev.gpufleet.connectors.actions.ClusterActions;
import dev.gpufleet.core.actions.LabelEdit;
import dev.gpufleet.core.actions.NodeChange;
import dev.gpufleet.core.actions.OperationException;
import dev.gpufleet.core.audit.AuditLog;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/// `gpufleet cordon NODE`, `gpufleet uncordon NODE` and `gpufleet label NODE key=value|key-…`, audited;
/// on a context marked production each needs the node confirmed ([NodeConfirmation]).
final class NodeCommands {

    private NodeCommands() {
    }

    @Command(name = "cordon", mixinStandardHelpOptions = true,
            description = "Mark a node unschedulable (as kubectl cordon); its pods keep running.")
    static final class Cordon implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ActionTarget target;
        @Mixin NodeConfirmation confirmation;
        @Parameters(index = "0", paramLabel = "NODE", description = "The node to cordon.") String node;

        @Override
        public Integer call() {
            return change(spec, target, confirmation, "cordon", node, true);
        }
    }

    @Command(name = "uncordon", mixinStandardHelpOptions = true,
            description = "Mark a node schedulable again (as kubectl uncordon).")
    static final class Uncordon implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ActionTarget target;
        @Mixin NodeConfirmation confirmation;
        @Parameters(index = "0", paramLabel = "NODE", description = "The node to uncordon.") String node;

        @Override
        public Integer call() {
            return change(spec, target, confirmation, "uncordon", node, false);
        }
    }

    @Command(name = "label", mixinStandardHelpOptions = true,
            description = {"Set or remove labels of a node (as kubectl label; an existing value is overwritten).",
                "Each change is audited and leaves an Event on the node."})
    static final class Label implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin ActionTarget target;
        @Mixin NodeConfirmation confirmation;
        @Parameters(index = "0", paramLabel = "NODE", description = "The node to label.") String node;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE|KEY-",
                description = "key=value sets (or overwrites) a label; key- removes it.") List<String> edits;

        @Override
        public Integer call() {
            List<NodeChange> changes;
            try {
                changes = LabelEdit.parseAll(String.join(" ", edits)).stream().map(NodeChange::label).toList();
            } catch (IllegalArgumentException wrong) {
                throw new UserError("label: " + wrong.getMessage() + ". Write key=value to set a label, key- to remove"
                        + " it; keys are [prefix/]name, e.g. example.com/team=ml.");
            }
            return change(spec, target, confirmation, "label", node, changes);
        }
    }

    private static int change(CommandSpec spec, ActionTarget target, NodeConfirmation confirmation, String verb,
            String node, boolean cordon) {
        return change(spec, target, confirmation, verb, node,
                List.of(cordon ? NodeChange.cordon() : NodeChange.uncordon()));
    }

    private static int change(CommandSpec spec, ActionTarget target, NodeConfirmation confirmation, String verb,
            String node, List<NodeChange> changes) {
        AuditLog audit = target.auditLog();
        try (FleetSession session = target.session()) {
            String context = target.context(session, verb);
            boolean production = ReadOnlyGuard.check(context, verb).isProduction(context);
            String what = Character.toUpperCase(verb.charAt(0)) + verb.substring(1) + " node " + node;
            confirmation.check(verb, context, production, node, what);
            try (ClusterActions actions = target.actions(session, context, verb)) {
                AuditedActions audited = new AuditedActions(actions, audit);
                for (NodeChange change : changes) {
                    spec.commandLine().getOut().println(audited.change(node, change));
                    spec.commandLine().getOut().flush();
                }
                return 0;
            } catch (OperationException failed) {
                throw new UserError(verb + ": " + failed.getMessage(), 1);
            }
        }
    }
}
