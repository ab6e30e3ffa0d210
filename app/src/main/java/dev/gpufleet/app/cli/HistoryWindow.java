package dev.gpufleet.app.cli;

import dev.gpufleet.connectors.cluster.ClusterConnection;
import dev.gpufleet.core.capacity.WasteLedger;
import dev.gpufleet.core.capacity.WasteReplay;
import dev.gpufleet.core.capacity.WasteReport;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.FleetStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/// The past window of a Prometheus-read fleet for `report waste`: waits for each cluster's
/// history backfill (Prometheus range queries), then replays the store's history into the ledger.
final class HistoryWindow {

    private HistoryWindow() {
    }

    static WasteReport replay(FleetTarget.Connected connected, WasteLedger ledger, Duration window, Duration wait,
            PrintWriter err) throws InterruptedException {
        for (ClusterConnection connection : connected.session().connections()) {
            awaitBackfill(connection, wait, err);
        }
        FleetStore store = connected.session().store();
        try {
            FleetSnapshot live = store.sync().get(10, TimeUnit.SECONDS);
            Instant to = live.time();
            Instant from = to.minus(window);
            Duration step = store.historyConfig().resolution();
            store.readHistory(history -> {
                WasteReplay.replay(live, history, from, to, step, ledger);
                return to;
            }).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return ledger.report();
        } catch (ExecutionException | TimeoutException e) {
            throw new UserError("report waste: the fleet's history could not be read: " + e.getMessage(), 1);
        }
    }

    private static void awaitBackfill(ClusterConnection connection, Duration wait, PrintWriter err)
            throws InterruptedException {
        try {
            connection.historyBackfill().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            err.println("report waste: " + connection.cluster() + ": the history could not be read from Prometheus ("
                    + e.getCause().getMessage() + "); the window holds only what came in since connecting, the rest"
                    + " counts as unknown.");
        } catch (TimeoutException e) {
            err.println("report waste: " + connection.cluster() + ": the history from Prometheus did not arrive within "
                    + wait.toSeconds() + " s; the rest of the window counts as unknown. Raise --timeout.");
        }
    }
}
