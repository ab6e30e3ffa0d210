package dev.gpufleet.app.cli;

import dev.gpufleet.app.FleetSession;
import dev.gpufleet.app.actions.AuditedActions;
import dev.gpufleet.connectors.actions.ActionException;
import dev.gpufleet.connectors.actions.ClusterActions;
import dev.gpufleet.connectors.actions.Permissions;
import dev.gpufleet.core.actions.DrainExecution;
import dev.gpufleet.core.actions.OperationException;
import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.core.drain.DrainOptions;
import dev.gpufleet.core.drain.DrainPlan;
import dev.gpufleet.core.drain.DrainReport;
import dev.gpufleet.core.drain.GpuPlacement;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/// `gpufleet drain NODE`: kubectl drain's semantics, with a GPU-aware preview first, progress
/// that names the PodDisruptionBudget holding a pod back, and an audit entry before and after.
@Command(name = "drain", mixinStandardHelpOptions = true,
        description = {"Cordon a node and evict its pods as kubectl drain does: PodDisruptionBudgets hold,",
            "DaemonSet and mirror pods stay, unmanaged and emptyDir pods need your say-so.",
            "Shows the plan first; Ctrl-C cancels and leaves the node cordoned."})
public final class DrainCommand implements Callable<Integer> {


    @Spec
    CommandSpec spec;

    @Mixin
    ActionTarget target;

    @Parameters(index = "0", paramLabel = "NODE", description = "The node to drain.")
    String node;

    @Option(names = "--dry-run", description = "Show what would happen, asking the server (PDBs included); change nothing.")
    boolean dryRun;

    @Option(names = "--timeout", defaultValue = "0s", paramLabel = "D",
            description = "Give up after this long, leaving the node cordoned; 0s waits as long as it takes (default).")
    String timeout;

    @Option(names = "--yes", description = {"Do not ask for confirmation (for scripts). On a context marked production",
        "this is not enough: add --confirm NODE."})
    boolean yes;

    @Option(names = "--confirm", paramLabel = "NODE",
            description = "Confirm by naming the node, instead of typing it at the prompt (what production contexts need).")
    @Nullable String confirm;

    @Option(names = "--force", description = "Also evict pods no controller owns; nothing recreates them.")
    boolean force;

    @Option(names = "--delete-emptydir-data", description = "Also evict pods with emptyDir volumes; that data is lost.")
    boolean deleteEmptyDirData;

    @Option(names = "--grace-period", paramLabel = "SECONDS",
            description = "Seconds each pod gets to stop, instead of its own terminationGracePeriodSeconds.")
    @Nullable Integer gracePeriod;

    @Option(names = "--gpu", paramLabel = "INDEX[/GI]",
            description = "Only the pods on this GPU (index), or on one MIG instance of it (e.g. 3/2 for GPU 3, GPU instance 2).")
    @Nullable String gpu;

    @Override
    public Integer call() throws InterruptedException {
        DrainOptions options = options();
        AuditLog audit = target.auditLog();
        PrintWriter out = spec.commandLine().getOut();
        try (FleetSession session = target.session()) {
            String context = target.context(session, "drain");
            if (!dryRun) {
                boolean production = ReadOnlyGuard.check(context, "drain").isProduction(context);
                checkConfirmationOptions(context, production);
            }
            try (ClusterActions actions = target.actions(session, context, "drain")) {
                if (!dryRun) {
                    actions.require(Permissions.Permission.PATCH_NODES, "cordon nodes");
                }
                actions.require(Permissions.Permission.EVICT_PODS, "evict pods");
                Function<String, List<GpuPlacement>> gpusOf = gpuAttribution(actions);
                DrainPlan plan = actions.drainer().plan(node, options, gpusOf);
                if (telemetryProblem != null) {
                    // Said once the node is known to exist: for a mistyped name, "not found" is the news.
                    spec.commandLine().getErr().println("drain: " + telemetryProblem + " (the plan cannot show GPUs)");
                }
                DrainPreview.print(plan, context, out);
                out.flush();
                if (!dryRun && !yes && confirm == null) {
                    confirm(context);
                }
                return execute(actions, plan, audit, out);
            } catch (ActionException | OperationException failed) {
                throw new UserError("drain: " + failed.getMessage(), 1);
            }
        }
    }

    private int execute(ClusterActions actions, DrainPlan plan, AuditLog audit, PrintWriter out)
            throws InterruptedException, OperationException {
        DrainProgress progress = new DrainProgress(out, plan.options().dryRun());
        DrainExecution run = new AuditedActions(actions, audit).startDrain(plan, progress);
        DrainReport report;
        try {
            report = CancelOnShutdown.await(run.result(), run::cancel, "gpufleet-drain-cancel");
        } catch (ExecutionException failed) {
            throw new UserError("drain: " + failed.getCause().getMessage(), 1);
        }
        out.println(report.message());
        out.flush();
        return report.outcome().succeeded() ? 0 : 1;
    }

    private DrainOptions options() {
        DrainOptions options = DrainOptions.defaults().withForce(force).withDeleteEmptyDirData(deleteEmptyDirData)
                .withDryRun(dryRun).withTimeout(Durations.parseAllowingZero(timeout, "--timeout"));
        if (gracePeriod != null) {
            if (gracePeriod < 0) {
                throw new UserError("drain: --grace-period must be 0 or more seconds, not " + gracePeriod + ".");
            }
            options = options.withGracePeriod(Duration.ofSeconds(gracePeriod));
        }
        if (gpu != null) {
            options = options.withScope(GpuScopes.parse(gpu));
        }
        return options;
    }

    /// Which pods the node's exporter puts on which GPU, from one scrape of that exporter alone;
    /// without it the drain goes on, but cannot say which GPUs a pod held (or honour --gpu).
    /// Why the node's GPU telemetry could not be read, told after the plan (see [#call()]).
    private @Nullable String telemetryProblem;

    private Function<String, List<GpuPlacement>> gpuAttribution(ClusterActions actions) throws InterruptedException {
        NodeTelemetry telemetry = actions.nodeTelemetry(node);
        if (telemetry.failed()) {
            if (gpu != null) {
                throw new UserError("drain: --gpu needs the node's GPU telemetry, which could not be read: "
                        + telemetry.problem());
            }
            telemetryProblem = telemetry.problem();
            return pod -> List.of();
        }
        return NodeGpuAttribution.of(telemetry);
    }

    /// `--confirm` must name the node; on a production context `--yes` alone is refused, before
    /// anything is asked of the cluster, so a script written for a lab cannot drain production.
    private void checkConfirmationOptions(String context, boolean production) {
        if (confirm != null && !confirm.strip().equals(node)) {
            throw new UserError("drain: --confirm names '" + confirm.strip() + "' but the node to drain is '" + node
                    + "'; nothing was done.");
        }
        if (production && yes && confirm == null) {
            throw new UserError("drain: context '" + context + "' is marked production, so --yes alone is not enough;"
                    + " add --confirm " + node + " to go ahead without a prompt. Nothing was done.");
        }
    }

    private void confirm(String context) {
        Console console = System.console();
        if (console == null) {
            throw new UserError("drain: draining changes the cluster and there is no terminal to confirm on;"
                    + " add --yes (or --confirm " + node + " on a production context) to go ahead, or --dry-run to look first.");
        }
        String typed = console.readLine("Drain node %s in context %s? Type the node's name to confirm: ", node, context);
        if (typed == null || !typed.strip().equals(node)) {
            throw new UserError("drain: not confirmed, nothing was done.", 1);
        }
    }
}
