package dev.gpufleet.app.cli;

import dev.gpufleet.app.FleetSession;
import dev.gpufleet.app.actions.AuditedActions;
import dev.gpufleet.connectors.actions.ActionException;
import dev.gpufleet.connectors.actions.ClusterActions;
import dev.gpufleet.connectors.actions.MoveRun;
import dev.gpufleet.connectors.actions.Permissions;
import dev.gpufleet.connectors.actions.PodMoves;
import dev.gpufleet.core.rebalance.ApplyReport;
import dev.gpufleet.core.rebalance.RebalancePlan;
import java.io.Console;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/// `gpufleet rebalance apply`: plans afresh, shows the plan, asks, then evicts move by move in
/// step order (PodDisruptionBudgets hold, as in drain), each audited before and after.
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Plan afresh, show the plan, ask, then evict the moves' pods in step order, at most",
            "--concurrency at a time, each waiting for its replacement to be scheduled.",
            "Ctrl-C stops new evictions and reports where each move got to."})
final class RebalanceApply implements Callable<Integer> {

    private static final String VERB = "rebalance apply";

    @Spec
    CommandSpec spec;

    @Mixin
    ActionTarget target;

    @Mixin
    RebalanceFlags flags;

    @Option(names = "--yes", description = {"Do not ask for confirmation (for scripts). On a context marked production",
        "this is not enough: add --confirm CONTEXT."})
    boolean yes;

    @Option(names = "--confirm", paramLabel = "CONTEXT",
            description = "Confirm by naming the context, instead of typing it at the prompt (what production contexts need).")
    @Nullable String confirm;

    @Option(names = "--concurrency", defaultValue = "2", paramLabel = "N",
            description = "The most moves in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--cordon-source", description = "Cordon each move's source node first, so no replacement lands back on it.")
    boolean cordonSource;

    @Option(names = "--timeout", defaultValue = "0s", paramLabel = "D",
            description = "Stop after this long, as Ctrl-C does; 0s waits as long as it takes (default).")
    String timeout;

    @Override
    public Integer call() throws InterruptedException {
        PodMoves.Settings settings = settings();
        flags.options(VERB);
        PrintWriter out = spec.commandLine().getOut();
        try (FleetSession session = target.session()) {
            String context = target.context(session, VERB);
            checkConfirmationOptions(context, ReadOnlyGuard.check(context, VERB).isProduction(context));
            try (ClusterActions actions = target.actions(session, context, VERB)) {
                actions.require(Permissions.Permission.EVICT_PODS, "evict pods");
                if (cordonSource) {
                    actions.require(Permissions.Permission.PATCH_NODES, "cordon nodes (--cordon-source)");
                }
                RebalancePlan plan = flags.plan(session, context, actions, VERB);
                RebalancePreview.print(plan, context, out);
                if (plan.isEmpty()) {
                    out.println("Nothing to apply.");
                    out.flush();
                    return 0;
                }
                if (!yes && confirm == null) {
                    confirm(context, plan);
                }
                return execute(new AuditedActions(actions, target.auditLog()), plan, settings, out);
            } catch (ActionException failed) {
                throw new UserError(VERB + ": " + failed.getMessage(), 1);
            }
        }
    }

    private int execute(AuditedActions actions, RebalancePlan plan, PodMoves.Settings settings, PrintWriter out)
            throws InterruptedException {
        out.println();
        out.println("Applying " + plan.moves().size() + " moves, " + settings.concurrency() + " at a time:");
        out.flush();
        MoveRun run = actions.startRebalance(plan.moves(), settings, new RebalanceProgress(out));
        ApplyReport report;
        try {
            report = CancelOnShutdown.await(run.result(), run::cancel, "gpufleet-rebalance-cancel");
        } catch (ExecutionException failed) {
            throw new UserError(VERB + ": " + failed.getCause().getMessage(), 1);
        }
        out.println(report.summary());
        out.flush();
        return report.succeeded() ? 0 : 1;
    }

    private PodMoves.Settings settings() {
        try {
            return new PodMoves.Settings(concurrency, cordonSource, Durations.parseAllowingZero(timeout, "--timeout"));
        } catch (IllegalArgumentException bad) {
            throw new UserError(VERB + ": " + bad.getMessage() + ".");
        }
    }

    /// `--confirm` must name the context; on a production context `--yes` alone is refused,
    /// before anything is asked of the cluster.
    private void checkConfirmationOptions(String context, boolean production) {
        if (confirm != null && !confirm.strip().equals(context)) {
            throw new UserError(VERB + ": --confirm names '" + confirm.strip() + "' but the context is '" + context
                    + "'; nothing was done.");
        }
        if (production && yes && confirm == null) {
            throw new UserError(VERB + ": context '" + context + "' is marked production, so --yes alone is not enough;"
                    + " add --confirm " + context + " to go ahead without a prompt. Nothing was done.");
        }
    }

    private void confirm(String context, RebalancePlan plan) {
        Console console = System.console();
        if (console == null) {
            throw new UserError(VERB + ": applying evicts pods and there is no terminal to confirm on; add --yes"
                    + " (or --confirm " + context + " on a production context) to go ahead, or run rebalance plan to look first.");
        }
        String typed = console.readLine("Evict %d pods in context %s? Type the context's name to confirm: ",
                plan.moves().size(), context);
        if (typed == null || !typed.strip().equals(context)) {
            throw new UserError(VERB + ": not confirmed, nothing was done.", 1);
        }
    }
}
