package dev.gpufleet.app.cli;

import dev.gpufleet.connectors.cluster.ClusterConnection;
import dev.gpufleet.connectors.prometheus.PastWaste;
import dev.gpufleet.connectors.prometheus.PrometheusException;
import dev.gpufleet.connectors.prometheus.PrometheusOptions;
import dev.gpufleet.connectors.prometheus.PrometheusWindow;
import dev.gpufleet.core.capacity.WasteLedger;
import dev.gpufleet.core.capacity.WasteReport;
import dev.gpufleet.core.history.HistoryConfig;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.FleetStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/// The past window of a Prometheus-read fleet for `report waste`: today's inventory from the
/// clusters, and every step of the window from Prometheus range queries ([PastWaste]), however
/// long it is, up to [#MAX_WINDOW].
final class PastWindow {

    /// The longest past window: the ledger's hourly trend keeps 31 days.
    static final Duration MAX_WINDOW = Duration.ofHours(WasteLedger.MAX_HOURS);
    /// The finest step unless `--step` says otherwise: a common scrape interval.
    static final Duration FINEST_STEP = Duration.ofSeconds(15);

    private PastWindow() {
    }

    /// A store that keeps only a few steps of history: the report reads the past itself, so the
    /// connection's own backfill (which reads what the store keeps) stays small.
    static FleetStore store() {
        return new FleetStore(Clock.systemUTC(), new HistoryConfig(HistoryConfig.DEFAULT_RESOLUTION,
                HistoryConfig.DEFAULT_RESOLUTION.multipliedBy(3), HistoryConfig.DEFAULT_METRICS));
    }

    /// The step for `window`: `asked` when given, else [PrometheusWindow#stepFor].
    static Duration step(Duration window, @Nullable Duration asked) {
        if (asked == null) {
            return PrometheusWindow.stepFor(window, FINEST_STEP);
        }
        long steps = window.toMillis() / Math.max(1, asked.toMillis());
        if (steps > PrometheusWindow.MAX_STEPS) {
            throw new UserError("report waste: --step " + Durations.format(asked) + " cuts --since "
                    + Durations.format(window) + " into " + steps + " steps, more than the "
                    + PrometheusWindow.MAX_STEPS + " a series may have. Pass --step "
                    + Durations.format(PrometheusWindow.stepFor(window, asked)) + " or more, or leave it out.");
        }
        return asked;
    }

    static WasteReport account(FleetTarget.Connected connected, PrometheusOptions options, WasteLedger ledger,
            Duration window, Duration step, PrintWriter err) throws InterruptedException {
        Map<String, PrometheusOptions> clusters = new LinkedHashMap<>();
        for (ClusterConnection connection : connected.session().connections()) {
            clusters.put(connection.cluster(), options);
        }
        FleetSnapshot today = today(connected.session().store());
        // Now, not the snapshot's time: that is the last change, and Prometheus holds up to now.
        Instant to = Instant.now();
        try {
            PastWaste.Summary summary = PastWaste.account(clusters, today, to.minus(window), to, step, ledger);
            if (!summary.warnings().isEmpty()) {
                err.println("report waste: Prometheus warned that its answers may be partial: "
                        + String.join("; ", summary.warnings()));
            }
        } catch (PrometheusException failed) {
            throw new UserError("report waste: the past window could not be read: " + failed.getMessage(), 1);
        }
        return ledger.report();
    }

    private static FleetSnapshot today(FleetStore store) throws InterruptedException {
        try {
            return store.sync().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new UserError("report waste: the fleet store did not answer: " + e.getMessage(), 1);
        }
    }
}
