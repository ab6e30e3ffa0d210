package dev.gpufleet.connectors.cluster;

import dev.gpufleet.core.store.FleetSink;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import dev.gpufleet.core.telemetry.TelemetrySource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Polls a telemetry source every interval and hands each frame to the sink.
///
/// Waits for the first inventory (exporters are found through it), then keeps a steady
/// rhythm: the next round starts one interval after the previous one started, or at once if
/// the round took longer. A round in which no exporter could be read makes the connection
/// DEGRADED with the reason; the first good round clears it.
final class TelemetryPoller {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryPoller.class);

    private final TelemetrySource source;
    private final FleetSink sink;
    private final StatusTracker status;
    private final InventoryWatch inventory;
    private final ClusterIdentity identity;
    private final Duration interval;
    private final String exporterScope;
    private final CompletableFuture<Void> firstFrame = new CompletableFuture<>();
    private final CompletableFuture<Instant> firstDelivery = new CompletableFuture<>();
    private volatile boolean closed;

    TelemetryPoller(TelemetrySource source, FleetSink sink, StatusTracker status, InventoryWatch inventory,
            ClusterIdentity identity, Duration interval, String exporterScope) {
        this.source = source;
        this.sink = sink;
        this.status = status;
        this.inventory = inventory;
        this.identity = identity;
        this.interval = interval;
        this.exporterScope = exporterScope;
    }

    /// Completes once the first frame was handed to the sink, or fails if the first round
    /// could not produce one.
    CompletableFuture<Void> firstFrame() {
        return firstFrame;
    }

    /// Completes with the time of the first frame handed to the sink, however many rounds
    /// failed before it; never fails.
    CompletableFuture<Instant> firstDelivery() {
        return firstDelivery;
    }

    void run() {
        try {
            inventory.awaitSynced();
            while (!closed) {
                long started = System.nanoTime();
                round();
                long next = started + interval.toNanos();
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    void close() {
        closed = true;
    }

    private void round() throws InterruptedException {
        TelemetryFrame frame;
        try {
            frame = source.collect();
        } catch (InterruptedException stop) {
            throw stop;
        } catch (Exception failure) {
            ClusterAccessException problem = AccessProblems.classify(failure, identity, "list GPU exporter pods");
            String message = "GPU telemetry is unavailable: " + problem.getMessage();
            LOG.warn("{}: {}", identity.context(), message);
            status.telemetry(message);
            firstFrame.completeExceptionally(new ClusterAccessException(problem.state(), message, failure));
            return;
        }
        if (closed) {
            return;
        }
        sink.telemetry(frame);
        // Status before readiness, so whoever waits on ready() sees this round's verdict.
        status.telemetry(problemOf(frame));
        firstFrame.complete(null);
        firstDelivery.complete(frame.time());
    }

    /// Why the frame says nothing, or `null` when at least one exporter was read.
    private @Nullable String problemOf(TelemetryFrame frame) {
        if (frame.nodes().isEmpty()) {
            int gpuNodes = inventory.gpuNodeCount();
            return gpuNodes == 0 ? null : "No GPU exporter pods were found (looked for " + exporterScope + "), although "
                    + gpuNodes + (gpuNodes == 1 ? " node offers" : " nodes offer") + " GPUs, so there is no GPU"
                    + " telemetry. Install the NVIDIA GPU Operator (dcgm-exporter) or AMD's device metrics exporter,"
                    + " or set the exporter selector"
                    + " in the connection options.";
        }
        for (NodeTelemetry node : frame.nodes()) {
            if (!node.failed()) {
                return null;
            }
        }
        NodeTelemetry first = frame.nodes().getFirst();
        int others = frame.nodes().size() - 1;
        String more = others == 0 ? "" : " (and " + others + (others == 1 ? " more node)" : " more nodes)");
        return "No GPU telemetry could be read. Node " + first.node() + more + ": " + first.problem();
    }
}
