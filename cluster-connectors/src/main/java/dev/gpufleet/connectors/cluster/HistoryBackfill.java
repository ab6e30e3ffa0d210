package dev.gpufleet.connectors.cluster;

import dev.gpufleet.connectors.prometheus.PrometheusBackfill;
import dev.gpufleet.connectors.prometheus.PrometheusException;
import dev.gpufleet.connectors.prometheus.PrometheusOptions;
import dev.gpufleet.core.store.FleetSink;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Once a connection read through Prometheus has handed its first live frame to the sink,
/// reads the hours before it from the same store into the sink's history (see
/// [PrometheusBackfill]). A failure costs only the past: it is logged and the live
/// connection goes on.
final class HistoryBackfill {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryBackfill.class);

    private static final Duration WINDOW_WAIT = Duration.ofSeconds(30);

    private final String cluster;
    private final PrometheusOptions options;
    private final FleetSink sink;
    private final CompletableFuture<Optional<PrometheusBackfill.Report>> done = new CompletableFuture<>();

    HistoryBackfill(String cluster, PrometheusOptions options, FleetSink sink) {
        this.cluster = cluster;
        this.options = options;
        this.sink = sink;
    }

    /// Completes with what was read, or fails with the store's refusal.
    CompletableFuture<Optional<PrometheusBackfill.Report>> done() {
        return done;
    }

    /// Reads the window that ends before `firstLive`, on the calling thread.
    void run(Instant firstLive) {
        long started = System.nanoTime();
        try (PrometheusBackfill backfill = new PrometheusBackfill(cluster, options, sink.historyConfig())) {
            PrometheusBackfill.Report report = backfill.run(firstLive, window(),
                    frames -> sink.backfill(cluster, frames));
            LOG.info("{}: history backfilled from Prometheus: {} in {} ms", cluster, report.describe(),
                    (System.nanoTime() - started) / 1_000_000);
            if (!report.warnings().isEmpty()) {
                LOG.warn("{}: the history backfilled from Prometheus may be partial: {}", cluster,
                        String.join("; ", report.warnings()));
            }
            done.complete(Optional.of(report));
        } catch (PrometheusException failed) {
            LOG.warn("{}: the history before connecting could not be read from Prometheus, so charts start now: {}",
                    cluster, failed.getMessage());
            done.completeExceptionally(failed);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            done.cancel(false);
        }
    }

    /// What the sink keeps at full resolution (its whole retention if it cannot say in time).
    private Duration window() throws InterruptedException {
        try {
            return sink.backfillWindow().get(WINDOW_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException unknown) {
            LOG.debug("{}: the history's window is not known ({}); backfilling its whole retention", cluster,
                    unknown.toString());
            return sink.historyConfig().retention();
        }
    }

    /// For a connection closed before the backfill began.
    void cancel() {
        done.cancel(false);
    }
}
