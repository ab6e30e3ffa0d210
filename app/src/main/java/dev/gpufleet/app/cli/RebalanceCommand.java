package dev.gpufleet.app.cli;

import dev.gpufleet.app.FleetSession;
import dev.gpufleet.connectors.actions.ClusterActions;
import dev.gpufleet.core.rebalance.RebalancePlan;
import dev.gpufleet.core.rebalance.RebalancePlanJson;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/// `gpufleet rebalance plan|apply`: plan which pods to move so pending multi-GPU jobs fit
/// (or degraded nodes empty, or hot nodes cool), and carry the plan out through the Eviction API.
@Command(name = "rebalance", mixinStandardHelpOptions = true,
        description = {"Plan and apply pod moves that defragment GPUs, evacuate degraded nodes or cool hot ones.",
            "A move is an eviction: the pod's controller makes a replacement the scheduler places."},
        subcommands = {RebalanceCommand.Plan.class, RebalanceApply.class})
public final class RebalanceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "rebalance: say plan (look) or apply (act).");
    }

    /// `gpufleet rebalance plan`: prints the plan and changes nothing.
    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Connect, read pods, pending pods and PodDisruptionBudgets, and print the plan; changes nothing.")
    static final class Plan implements Callable<Integer> {

        enum Format { md, json }

        @Spec
        CommandSpec spec;

        @Mixin
        ActionTarget target;

        @Mixin
        RebalanceFlags flags;

        @Option(names = "--format", defaultValue = "md", description = "md or json (default: ${DEFAULT-VALUE}).")
        Format format;

        @Override
        public Integer call() throws InterruptedException {
            flags.options("rebalance plan");
            PrintWriter out = spec.commandLine().getOut();
            try (FleetSession session = target.session()) {
                String context = target.context(session, "rebalance plan");
                try (ClusterActions actions = target.actions(session, context, "rebalance plan")) {
                    RebalancePlan plan = flags.plan(session, context, actions, "rebalance plan");
                    if (format == Format.json) {
                        RebalancePlanJson.write(plan, out);
                    } else {
                        RebalancePreview.print(plan, context, out);
                    }
                }
            }
            return 0;
        }
    }
}
