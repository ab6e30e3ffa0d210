package dev.gpufleet.connectors.prometheus;

import dev.gpufleet.core.capacity.PastFleet;
import dev.gpufleet.core.capacity.WasteCategory;
import dev.gpufleet.core.capacity.WasteLedger;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// Accounts a past window of GPU time from Prometheus range queries: every cluster's
/// [PrometheusWindow] is read in step, each step laid over today's inventory ([PastFleet]) and
/// handed to the [WasteLedger] at once, so memory holds one query's answer per cluster and one
/// fleet snapshot, however long the window.
///
/// Prometheus keeps no pending pods, so stranded GPU time is not known for the past: it is
/// counted as free and the ledger says so ([WasteLedger#notKnown]).
public final class PastWaste {

    /// Why stranded time is not known over a past window.
    public static final String STRANDED_NOTE = "Stranded is not known for the past: Prometheus keeps no pending GPU"
            + " pods per step, so free GPU-hours include any that were stranded (the pending pods listed are today's).";

    private PastWaste() {
    }

    /// What one reading did.
    ///
    /// @param steps    steps read (each cluster's)
    /// @param step     their length
    /// @param queries  range queries sent, all clusters together
    /// @param warnings the servers' warnings: the answer may be partial
    public record Summary(int steps, Duration step, int queries, List<String> warnings) {

        public Summary {
            warnings = List.copyOf(warnings);
        }
    }

    /// Feeds `ledger` the window from `from` to `to` at `step`, one snapshot per step, oldest first.
    ///
    /// @param clusters each cluster's store and how to reach it
    /// @param today    the live fleet, whose inventory the past is laid over
    /// @throws PrometheusException  when a query fails (the ledger holds the steps before)
    /// @throws InterruptedException when interrupted meanwhile
    public static Summary account(Map<String, PrometheusOptions> clusters, FleetSnapshot today, Instant from,
            Instant to, Duration step, WasteLedger ledger) throws PrometheusException, InterruptedException {
        List<PrometheusWindow> windows = new ArrayList<>();
        try {
            for (Map.Entry<String, PrometheusOptions> cluster : clusters.entrySet()) {
                windows.add(new PrometheusWindow(cluster.getKey(), cluster.getValue(), WasteLedger.METRICS, from, to,
                        step));
            }
            PastFleet past = new PastFleet(today);
            int steps = 0;
            while (!windows.isEmpty() && windows.getFirst().hasNext()) {
                List<TelemetryFrame> frames = new ArrayList<>(windows.size());
                for (PrometheusWindow window : windows) {
                    frames.add(window.next());
                }
                ledger.accept(past.at(frames.getFirst().time(), frames));
                steps++;
            }
            ledger.note(PastFleet.NOTE);
            ledger.note("Each step of " + describe(step) + " holds the values the store held at that moment"
                    + " (its newest sample within the lookback), not the mean over the step.");
            ledger.notKnown(WasteCategory.STRANDED, STRANDED_NOTE);
            Set<String> warnings = new LinkedHashSet<>();
            int queries = 0;
            for (PrometheusWindow window : windows) {
                warnings.addAll(window.warnings());
                queries += window.queries();
            }
            return new Summary(steps, step, queries, List.copyOf(warnings));
        } finally {
            windows.forEach(PrometheusWindow::close);
        }
    }

    /// `30 s`, `2 min`, `1 h`.
    static String describe(Duration step) {
        if (step.toSeconds() < 60 || step.toSeconds() % 60 != 0) {
            return step.toMillis() % 1000 == 0 ? step.toSeconds() + " s" : step.toMillis() + " ms";
        }
        return step.toMinutes() % 60 == 0 ? step.toHours() + " h" : step.toMinutes() + " min";
    }
}
