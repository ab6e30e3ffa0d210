package dev.gpufleet.core.store;

import dev.gpufleet.core.history.HistoryConfig;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/// Where connectors deliver what they learn. Calls may come from any thread; the store
/// behind it applies them in order on its single writer.
public interface FleetSink {

    void inventory(String cluster, InventoryEvent event);

    void telemetry(TelemetryFrame frame);

    void connection(String cluster, ConnectionStatus status);

    /// Past readings of one cluster, oldest or newest first, for the metric history only: they
    /// never become a GPU's current values, and readings older than the history's window are
    /// dropped. Sources that can read the past (a Prometheus-compatible store) call this once
    /// connected, so charts have their hours at once instead of filling up from now.
    void backfill(String cluster, List<TelemetryFrame> frames);

    /// What history the sink keeps: the window a backfill should cover, at which resolution,
    /// and which metrics are worth reading.
    HistoryConfig historyConfig();

    /// How far back the history keeps full resolution once everything handed in before this
    /// call is applied: what a backfill should read, since older frames are dropped. A large
    /// fleet's budget keeps less than [HistoryConfig#retention()] at full resolution.
    default CompletableFuture<Duration> backfillWindow() {
        return CompletableFuture.completedFuture(historyConfig().retention());
    }

    /// Forgets a cluster entirely (its tab was closed, its context removed).
    void removeCluster(String cluster);
}
