package dev.gpufleet.connectors.cluster;

import dev.gpufleet.connectors.kube.KubeClients;
import dev.gpufleet.connectors.kube.KubeContext;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.connectors.kube.KubeconfigException;
import dev.gpufleet.connectors.kube.ServerPushback;
import dev.gpufleet.connectors.topology.ProbeOptions;
import dev.gpufleet.connectors.topology.TopologyProbe;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetSink;
import dev.gpufleet.core.telemetry.TelemetrySource;
import dev.gpufleet.connectors.prometheus.PrometheusBackfill;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// A live connection to the cluster of one kubeconfig context, feeding a [FleetSink].
///
/// [#start()] returns at once; the work runs on two virtual threads: one mirrors Nodes and
/// Pods (list, then watch; a fresh list whenever a watch is lost), one polls dcgm-exporter
/// every scrape interval (through the pod proxy, or a Prometheus-compatible API when the
/// options name one). The sink hears a `Resynced` after each complete list, upserts and
/// deletes in between, a frame per round, and the connection's status (CONNECTING → SYNCING →
/// LIVE; DEGRADED, UNREACHABLE or UNAUTHORIZED with a message saying what to do).
/// [#ready()] completes once the first inventory and the first telemetry frame have been
/// delivered, or fails with a [ClusterAccessException] on the first problem; the connection
/// itself keeps retrying until closed. The cluster's name in the sink is the context's name.
/// Read through Prometheus, a third thread backfills the sink's history once the first live
/// frame is in ([#historyBackfill()]).
public final class ClusterConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterConnection.class);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private final String cluster;
    private final KubernetesClient client;
    private final StatusTracker status;
    private final InventoryWatch inventory;
    private final TelemetryPoller poller;
    private final TelemetrySource telemetry;
    private final CompletableFuture<Void> ready;
    private final @Nullable HistoryBackfill backfill;
    private final NodeEvents nodeEvents;
    private @Nullable Thread inventoryThread;
    private @Nullable Thread pollerThread;
    private @Nullable Thread backfillThread;
    private boolean started;
    private boolean closed;
    private @Nullable TopologyProbe topologyProbe;

    ClusterConnection(KubeContext context, KubernetesClient client, ServerPushback pushback, FleetSink sink,
            ConnectionOptions options, Clock clock) {
        this.cluster = context.name();
        this.client = client;
        ClusterIdentity identity = new ClusterIdentity(context.name(),
                context.server() == null ? client.getMasterUrl().toString() : context.server(),
                context.user().isEmpty() ? "(anonymous)" : context.user());
        this.status = new StatusTracker(cluster, sink, clock);
        this.nodeEvents = new NodeEvents(client, identity);
        ExporterRegistry exporters = new ExporterRegistry(options);
        this.inventory = new InventoryWatch(cluster, client, sink, exporters, status, identity,
                new Backoff(options.maxRetryDelay(), pushback));
        this.telemetry = options.prometheus() == null
                ? new DcgmExporterSource(cluster, client, exporters, options, clock)
                : new PrometheusTelemetry(cluster, options.prometheus(), clock);
        this.poller = new TelemetryPoller(telemetry, sink, status, inventory, identity, options.scrapeInterval(),
                options.prometheus() == null ? options.exporterScope() : telemetry.describe());
        this.backfill = options.prometheus() == null ? null : new HistoryBackfill(cluster, options.prometheus(), sink);
        // Not thenCombine: that waits for both, and a failed inventory means no frame ever comes.
        this.ready = new CompletableFuture<>();
        inventory.firstSync().whenComplete((ok, failure) -> settleReady(failure));
        poller.firstFrame().whenComplete((ok, failure) -> settleReady(failure));
    }

    private void settleReady(@Nullable Throwable failure) {
        if (failure != null) {
            ready.completeExceptionally(failure);
        } else if (inventory.firstSync().isDone() && poller.firstFrame().isDone()
                && !inventory.firstSync().isCompletedExceptionally() && !poller.firstFrame().isCompletedExceptionally()) {
            ready.complete(null);
        }
    }

    /// A connection for `context` (not started). Fails at once, without touching the
    /// network, if the kubeconfig cannot give a client for the context.
    public static ClusterConnection open(Kubeconfig kubeconfig, String context, FleetSink sink,
            ConnectionOptions options) throws KubeconfigException {
        // KubeClients refuses a context the kubeconfig does not define, with a message for people.
        ServerPushback pushback = new ServerPushback();
        KubernetesClient client = KubeClients.create(kubeconfig, context, options.connectTimeout(),
                options.requestTimeout(), pushback);
        KubeContext described = kubeconfig.context(context).orElseThrow();
        return new ClusterConnection(described, client, pushback, sink, options, Clock.systemUTC());
    }

    /// Reads the Events about a node of this cluster (for triage).
    public NodeEvents nodeEvents() {
        return nodeEvents;
    }

    /// The cluster's name in the sink: the context's name.
    public String cluster() {
        return cluster;
    }

    /// Starts connecting and returns at once. Calling it again does nothing.
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        status.inventory(ConnectionState.CONNECTING, null);
        inventoryThread = Thread.ofVirtual().name("gpufleet-inventory-" + cluster).start(inventory::run);
        pollerThread = Thread.ofVirtual().name("gpufleet-telemetry-" + cluster).start(poller::run);
        if (backfill != null) {
            poller.firstDelivery().thenAccept(this::startBackfill);
        }
    }

    private synchronized void startBackfill(Instant firstLive) {
        if (!closed && backfill != null) {
            backfillThread = Thread.ofVirtual().name("gpufleet-backfill-" + cluster).start(() -> backfill.run(firstLive));
        }
    }

    /// The reading of the history before the first live frame from a Prometheus-compatible
    /// store: completes with what was read once it is in the sink, with empty for a source that
    /// has no past (the pod proxy), or fails with the store's refusal; cancelled by [#close()].
    public CompletableFuture<Optional<PrometheusBackfill.Report>> historyBackfill() {
        return backfill == null ? CompletableFuture.completedFuture(Optional.empty()) : backfill.done();
    }

    /// Completes when the first complete inventory and the first telemetry frame have been
    /// handed to the sink; fails with a [ClusterAccessException] if the cluster cannot be
    /// reached or refuses access.
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /// The status most recently reported to the sink.
    public ConnectionStatus status() {
        return status.current();
    }

    /// How telemetry is read, for people.
    public String telemetryDescription() {
        return telemetry.describe();
    }

    /// The topology probe of this cluster (one per connection, so its per-node results last as
    /// long as the connection). Probing creates a pod on the cluster: call it on the user's word.
    public synchronized TopologyProbe topologyProbe(ProbeOptions options) {
        if (topologyProbe == null) {
            topologyProbe = new TopologyProbe(cluster, client, options);
        }
        return topologyProbe;
    }

    /// Stops the watches and threads and closes the client; reports DISCONNECTED.
    @Override
    public void close() {
        Thread[] threads;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            threads = new Thread[] {inventoryThread, pollerThread, backfillThread};
        }
        inventory.close();
        poller.close();
        for (Thread thread : threads) {
            if (thread != null) {
                thread.interrupt();
            }
        }
        for (Thread thread : threads) {
            join(thread);
        }
        if (backfill != null) {
            backfill.cancel();
        }
        telemetry.close();
        client.close();
        status.disconnected("Disconnected.");
        ready.completeExceptionally(new ClusterAccessException(ConnectionState.DISCONNECTED,
                "The connection to context \"" + cluster + "\" was closed before it was ready."));
        LOG.debug("{}: closed", cluster);
    }

    /// Whether the connection's own threads have ended (for tests of `close`).
    synchronized boolean threadsStopped() {
        return (inventoryThread == null || !inventoryThread.isAlive()) && (pollerThread == null || !pollerThread.isAlive())
                && (backfillThread == null || !backfillThread.isAlive());
    }

    private static void join(@Nullable Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            if (!thread.join(JOIN_TIMEOUT)) {
                LOG.warn("{} did not stop within {}", thread.getName(), JOIN_TIMEOUT);
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }
}
