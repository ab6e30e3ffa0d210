package dev.gpufleet.app.cli;

import dev.gpufleet.app.ConsoleLauncher;
import dev.gpufleet.app.ConsolePlan;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.connectors.kube.KubeconfigException;
import dev.gpufleet.connectors.kube.KubeconfigLocation;
import dev.gpufleet.core.history.HistoryBudget;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/// `gpufleet`: opens the console; the subcommands are the scriptable contract of DESIGN.md.
@Command(name = "gpufleet", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"A desktop console for GPU fleets on Kubernetes.",
            "Without a subcommand, opens the console on your kubeconfig's contexts plus the demo fleet."},
        subcommands = {SimCommand.class, SnapshotCommand.class, MetricsCommand.class, ScreenshotCommand.class,
            TriageCommand.class, NodeCommands.Cordon.class, NodeCommands.Uncordon.class, NodeCommands.Label.class,
            DrainCommand.class, RebalanceCommand.class, DiagCommand.class, NvmlCommand.class, ReportCommand.class})
public final class GpufleetCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(GpufleetCommand.class);

    @Mixin
    ClusterOptions clusters;

    @Mixin
    SoakOptions soak;

    @Spec
    CommandSpec spec;

    @Option(names = "--demo", description = "Open the console on the built-in simulated fleet only.")
    boolean demo;

    @Option(names = "--history-budget", paramLabel = "SIZE",
            description = {"Heap the metric history may use, e.g. 384m or 1g (default: a quarter of the heap,"
                + " at most 384m; or -D" + HistoryBudget.PROPERTY + "). A fleet too large to keep 6 h at 10 s"
                + " in it keeps 10 s for a recent window and 5-minute means for the rest."})
    @Nullable String historyBudget;

    @Option(names = "--bench-sync", description = {"Measure the first sync instead of waiting for you: open the"
            + " console, print the time to the first full inventory and the first complete telemetry, the heap and"
            + " the longest UI pause, then exit (bench/scale.sh runs it)."})
    boolean benchSync;

    /// The command line with errors printed for people: one line, no stack trace.
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new GpufleetCommand());
        line.setExecutionExceptionHandler((failure, command, parsed) -> {
            if (failure instanceof UserError error) {
                command.getErr().println("gpufleet: " + error.getMessage());
                return error.exitCode();
            }
            LOG.error("Unexpected failure", failure);
            command.getErr().println("gpufleet: unexpected error: " + failure
                    + ". Run again with GPUFLEET_LOG=debug for details, and report it with that output.");
            return 70;
        });
        return line;
    }

    @Override
    public Integer call() {
        applyHistoryBudget();
        var churn = soak.churnRate(demo);
        ConsolePlan plan;
        if (demo) {
            plan = ConsolePlan.demoOnly();
        } else {
            plan = planFromKubeconfig();
        }
        if (benchSync) {
            return SyncBench.run(plan, System.out);
        }
        if (soak.soaking()) {
            return soak.runSoak(plan, churn, spec.commandLine().getOut());
        }
        return ConsoleLauncher.run(plan, churn);
    }

    /// Checks the budget before any window opens; `--history-budget` wins over the property
    /// (the console's store reads the property, [dev.gpufleet.app.FleetSession#historyConfig()]).
    void applyHistoryBudget() {
        try {
            if (historyBudget != null) {
                HistoryBudget.parse(historyBudget);
                System.setProperty(HistoryBudget.PROPERTY, historyBudget);
            }
            HistoryBudget.fromSystemProperties();
        } catch (IllegalArgumentException bad) {
            throw new UserError((historyBudget != null ? "--history-budget: " : "") + bad.getMessage());
        }
    }

    private ConsolePlan planFromKubeconfig() {
        KubeconfigLocation location = KubeconfigLocation.of(clusters.kubeconfig());
        try {
            Kubeconfig kubeconfig = location.load();
            if (!clusters.contexts().isEmpty()) {
                Sessions.clustersToConnect(kubeconfig, clusters, false, "gpufleet");
            }
            return ConsolePlan.forKubeconfig(kubeconfig, clusters.contexts()).following(location);
        } catch (KubeconfigException e) {
            // The console still opens: the demo fleet works, a banner says what to fix, and the
            // fixed file is picked up.
            return ConsolePlan.withKubeconfigProblem(e.getMessage()).following(location);
        }
    }
}
