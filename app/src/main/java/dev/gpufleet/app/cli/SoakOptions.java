package dev.gpufleet.app.cli;

import dev.gpufleet.app.ConsoleLauncher;
import dev.gpufleet.app.ConsolePlan;
import dev.gpufleet.app.soak.SoakPlan;
import dev.gpufleet.app.soak.SoakReport;
import dev.gpufleet.sim.cluster.ChurnRate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/// The console's `--churn` and `--soak` options: a demo fleet that keeps changing, and a soak
/// run that samples the console and judges whether it holds up ([SoakReport]).
public final class SoakOptions {

    @Option(names = "--churn", arity = "0..1", fallbackValue = "1", paramLabel = "FACTOR",
            description = {"With --demo: the demo fleet keeps changing: GPU Jobs come and go, pods are deleted and "
                + "replaced, nodes fail (NotReady, an XID, exporter gone) and return, nodes are cordoned and "
                + "uncordoned. FACTOR speeds it up (default 1: a round every 2 s)."})
    @Nullable Double churn;

    @Option(names = "--soak", paramLabel = "DURATION",
            description = {"Run the console this long (e.g. 30m), sampling heap after GC, threads, FX pulse gaps and "
                + "heatmap frame times, then close it, print a table and a verdict, and exit 1 if the heap grew more "
                + "than " + SoakPlan.DEFAULT_HEAP_SLOPE_LIMIT_MB + " MB per 10 min over the second half or frame "
                + "time p99 got more than " + SoakPlan.DEFAULT_FRAME_DEGRADATION + "x slower."})
    @Nullable String soak;

    @Option(names = "--soak-interval", paramLabel = "DURATION", defaultValue = "30s",
            description = "Time between two soak samples (default: ${DEFAULT-VALUE}).")
    String soakInterval = "30s";

    @Option(names = "--soak-out", paramLabel = "FILE", description = "Write the soak's samples here as CSV.")
    @Nullable Path soakOut;

    /// The churn asked for, or null; only the demo fleet can churn.
    @Nullable ChurnRate churnRate(boolean demo) {
        if (churn == null) {
            return null;
        }
        if (!demo) {
            throw new UserError("--churn shakes the built-in simulated fleet only: add --demo.");
        }
        try {
            return ChurnRate.defaults().faster(churn);
        } catch (IllegalArgumentException e) {
            throw new UserError("--churn: " + e.getMessage() + ".");
        }
    }

    boolean soaking() {
        return soak != null;
    }

    /// Runs the soak, prints its table and verdict, writes the CSV; 0 when it passed, else 1.
    int runSoak(ConsolePlan plan, @Nullable ChurnRate churnRate, PrintWriter out) {
        SoakPlan soakPlan = plan();
        SoakReport report = ConsoleLauncher.soak(plan, churnRate, soakPlan);
        if (soakOut != null) {
            try {
                Files.writeString(soakOut, report.csv(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                out.print(report.table());
                throw new UserError("--soak-out: cannot write " + soakOut + ": " + e.getMessage()
                        + ". Check that the folder exists and is writable.");
            }
        }
        out.print(report.table());
        out.flush();
        return report.passed() ? 0 : 1;
    }

    private SoakPlan plan() {
        Duration duration = Durations.parse(soak == null ? "" : soak, "--soak");
        Duration interval = Durations.parse(soakInterval, "--soak-interval");
        try {
            return SoakPlan.of(duration, interval, soakOut);
        } catch (IllegalArgumentException e) {
            throw new UserError("--soak: " + e.getMessage() + ".");
        }
    }
}
