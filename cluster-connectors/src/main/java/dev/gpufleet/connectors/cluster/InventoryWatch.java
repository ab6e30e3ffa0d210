package dev.gpufleet.connectors.cluster;

import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.FleetSink;
import dev.gpufleet.core.store.InventoryEvent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Mirrors a cluster's Nodes and Pods into the sink: list everything (in pages), send one
/// `Resynced`, then watch from the listed resource version and send upserts and deletes.
///
/// When a watch ends (the server expired its resource version, or the connection dropped
/// past fabric8's own reconnects) the cycle starts again with a fresh list, so the sink is
/// never left with a gap. Failures are classified for people and retried with backoff.
/// Runs on the connection's inventory thread; watch callbacks arrive on fabric8's threads.
final class InventoryWatch {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryWatch.class);
    private static final long PAGE_SIZE = 500;
    private static final Duration MIN_WATCH_LIFETIME = Duration.ofSeconds(2);

    private final String cluster;
    private final KubernetesClient client;
    private final FleetSink sink;
    private final ExporterRegistry exporters;
    private final StatusTracker status;
    private final ClusterIdentity identity;
    private final Backoff backoff;
    private final CompletableFuture<Void> firstSync = new CompletableFuture<>();
    private final CountDownLatch synced = new CountDownLatch(1);
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private final Set<String> gpuNodes = ConcurrentHashMap.newKeySet();
    private volatile String operation = "list nodes";
    /// Bumped at each new list; events of watches from older cycles are dropped, since the
    /// fresh list already includes (or correctly excludes) what they report.
    private volatile int cycle;
    private volatile CompletableFuture<@Nullable WatcherException> watchesEnded =
            CompletableFuture.completedFuture(null);
    private volatile boolean closed;
    /// Set by a failure or a lost watch, cleared once a watch has lasted [#MIN_WATCH_LIFETIME].
    private volatile boolean troubled;

    InventoryWatch(String cluster, KubernetesClient client, FleetSink sink, ExporterRegistry exporters,
            StatusTracker status, ClusterIdentity identity, Backoff backoff) {
        this.cluster = cluster;
        this.client = client;
        this.sink = sink;
        this.exporters = exporters;
        this.status = status;
        this.identity = identity;
        this.backoff = backoff;
    }

    /// Completes after the first complete inventory was sent, or fails with the first problem.
    CompletableFuture<Void> firstSync() {
        return firstSync;
    }

    /// Blocks until an inventory has been sent once, however many attempts that takes.
    void awaitSynced() throws InterruptedException {
        synced.await();
    }

    /// Nodes that offer GPU resources, as last seen.
    int gpuNodeCount() {
        return gpuNodes.size();
    }

    void run() {
        while (!closed) {
            try {
                CompletableFuture<@Nullable WatcherException> lost = syncAndWatch();
                long watching = System.nanoTime();
                backoff.reset();
                WatcherException why = awaitLoss(lost);
                closeWatches();
                if (!closed) {
                    LOG.debug("Watch on {} ended ({}); listing again", cluster, why == null ? "closed" : why.getMessage());
                    if (why != null && !why.isHttpGone()) {
                        watchLost(why);
                    }
                }
                // A server that ends every watch at once must not turn this into a busy list loop.
                if (System.nanoTime() - watching < MIN_WATCH_LIFETIME.toNanos() && !sleep(MIN_WATCH_LIFETIME)) {
                    return;
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception failure) {
                closeWatches();
                if (closed) {
                    return;
                }
                troubled = true;
                report(failure instanceof ExecutionException wrapped && wrapped.getCause() != null
                        ? wrapped.getCause() : failure);
                if (!sleep(backoff.nextDelay())) {
                    return;
                }
            }
        }
    }

    /// Waits for the watches to end. After trouble, the connection is declared live again only
    /// once a new watch has lasted a while: a server that accepts lists but cuts every watch
    /// (503s, resets) must not make the status flicker between live and degraded.
    private @Nullable WatcherException awaitLoss(CompletableFuture<@Nullable WatcherException> lost)
            throws InterruptedException, ExecutionException {
        if (troubled) {
            try {
                return lost.get(MIN_WATCH_LIFETIME.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException settled) {
                troubled = false;
                status.inventory(ConnectionState.LIVE, null);
            }
        }
        return lost.get();
    }

    /// A watch ended with an error rather than an expired resource version: the inventory is
    /// not current until a new list and watch succeed.
    private void watchLost(WatcherException why) {
        troubled = true;
        OptionalInt refusal = backoff.recentRefusal(MIN_WATCH_LIFETIME.multipliedBy(3));
        String detail = refusal.isPresent()
                ? "the API server answered " + refusal.getAsInt() + (refusal.getAsInt() == 429 ? " (throttled)" : "")
                        + " to the watch requests"
                : "the connection broke and could not be re-opened: " + AccessProblems.rootMessage(why);
        status.inventory(ConnectionState.DEGRADED, "Lost the watch on the nodes and pods of " + identity.describe()
                + " (" + detail + "); gpufleet lists them again and keeps showing what it last read.");
    }

    /// Stops the watches and waits a moment for fabric8 to confirm, so the HTTP client is not
    /// shut down under a stream that is still being torn down.
    void close() {
        closed = true;
        closeWatches();
        try {
            watchesEnded.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException ignored) {
            // nothing more to wait for
        }
    }

    private void report(Throwable failure) {
        ClusterAccessException problem = AccessProblems.classify(failure, identity, operation);
        LOG.warn("{}: {}", cluster, problem.getMessage());
        LOG.debug("{}: {} failed", cluster, operation, failure);
        status.inventory(problem.state(), problem.getMessage());
        firstSync.completeExceptionally(problem);
    }

    private CompletableFuture<@Nullable WatcherException> syncAndWatch() throws Exception {
        int thisCycle = ++cycle;
        SyncProgress progress = new SyncProgress();
        AtomicBoolean abandon = new AtomicBoolean();
        // Nodes and pods are listed side by side: the server builds one page while this side
        // reads the other's, which a 12,500-node cluster's first sync feels.
        List<NodeRecord> nodes = new ArrayList<>();
        CompletableFuture<String> nodeList = new CompletableFuture<>();
        Thread.ofVirtual().name("gpufleet-list-nodes-" + cluster).start(() -> {
            try {
                nodeList.complete(listAll(options -> client.nodes().list(options),
                        node -> nodes.add(Projections.node(node)), (items, remaining, last) -> {
                            progress.nodePage(items, remaining, last);
                            showProgress(progress);
                        }, abandon));
            } catch (RuntimeException failure) {
                abandon.set(true);
                nodeList.completeExceptionally(failure);
            }
        });
        List<PodRecord> pods = new ArrayList<>();
        Map<String, ExporterPod> foundExporters = new HashMap<>();
        String podVersion;
        try {
            podVersion = listAll(options -> client.pods().inAnyNamespace().list(options), pod -> {
                pods.add(Projections.pod(pod));
                ExporterPod exporter = exporters.match(pod);
                if (exporter != null) {
                    foundExporters.put(ExporterRegistry.key(exporter.namespace(), exporter.name()), exporter);
                }
            }, (items, remaining, last) -> {
                progress.podPage(items, remaining, last);
                showProgress(progress);
            }, abandon);
        } catch (RuntimeException failure) {
            abandon.set(true);
            operation = "list pods";
            throw failure;
        }
        String nodeVersion;
        try {
            operation = "list nodes";
            nodeVersion = nodeList.get();
        } catch (InterruptedException stop) {
            abandon.set(true);
            throw stop;
        }
        gpuNodes.clear();
        nodes.forEach(this::noteGpus);
        LOG.debug("{}: listed {} nodes (version {}) and {} pods (version {})", cluster, nodes.size(), nodeVersion,
                pods.size(), podVersion);
        sink.inventory(cluster, new InventoryEvent.Resynced(nodes, pods));
        exporters.replaceAll(foundExporters);
        CompletableFuture<@Nullable WatcherException> lost = new CompletableFuture<>();
        watchesEnded = lost;
        operation = "watch nodes";
        watches.add(client.nodes().watch(watchFrom(nodeVersion),
                new Forwarder<>(thisCycle, lost, this::nodeEvent)));
        operation = "watch pods";
        watches.add(client.pods().inAnyNamespace().watch(watchFrom(podVersion),
                new Forwarder<>(thisCycle, lost, this::podEvent)));
        LOG.info("{}: {} nodes and {} pods listed; watching for changes", cluster, nodes.size(), pods.size());
        if (troubled) {
            status.inventoryListed(); // current as of this list; live once the watch holds
        } else {
            status.inventory(ConnectionState.LIVE, null);
        }
        firstSync.complete(null);
        synced.countDown();
        return lost;
    }

    /// What a list has read so far, page by page.
    @FunctionalInterface
    private interface PageListener {
        /// `items` read in this page, `remaining` after it by the server's count (-1: not said).
        void page(int items, long remaining, boolean last);
    }

    /// Only the first sync shows how far it is ("syncing"): a list after a lost watch leaves the
    /// state as it is (live, or the problem still being retried, with the data last read) until
    /// it completes.
    private void showProgress(SyncProgress progress) {
        if (synced.getCount() > 0) {
            status.inventory(ConnectionState.SYNCING, progress.message());
        }
    }

    private <T extends HasMetadata> String listAll(Function<ListOptions, ? extends KubernetesResourceList<T>> lister,
            Consumer<T> each, PageListener pages, AtomicBoolean abandon) {
        String next = null;
        String version;
        do {
            KubernetesResourceList<T> page = lister.apply(
                    new ListOptionsBuilder().withLimit(PAGE_SIZE).withContinue(next).build());
            page.getItems().forEach(each);
            var meta = page.getMetadata();
            version = meta == null ? null : meta.getResourceVersion();
            next = meta == null ? null : meta.getContinue();
            boolean last = next == null || next.isEmpty();
            Long remaining = meta == null ? null : meta.getRemainingItemCount();
            pages.page(page.getItems().size(), remaining == null ? -1 : remaining, last);
        } while (next != null && !next.isEmpty() && !closed && !abandon.get());
        return version == null ? "0" : version;
    }

    private static ListOptions watchFrom(String resourceVersion) {
        return new ListOptionsBuilder().withResourceVersion(resourceVersion).withAllowWatchBookmarks(true).build();
    }

    private void nodeEvent(Watcher.Action action, Node node) {
        switch (action) {
            case ADDED, MODIFIED -> {
                NodeRecord record = Projections.node(node);
                noteGpus(record);
                sink.inventory(cluster, new InventoryEvent.NodeUpserted(record));
            }
            case DELETED -> {
                gpuNodes.remove(node.getMetadata().getName());
                sink.inventory(cluster, new InventoryEvent.NodeDeleted(node.getMetadata().getName()));
            }
            default -> {
                // BOOKMARK only moves the resource version, which fabric8 tracks; ERROR closes the watch.
            }
        }
    }

    private void noteGpus(NodeRecord node) {
        if (node.gpuResources().isEmpty()) {
            gpuNodes.remove(node.name());
        } else {
            gpuNodes.add(node.name());
        }
    }

    private void podEvent(Watcher.Action action, Pod pod) {
        switch (action) {
            case ADDED, MODIFIED -> {
                sink.inventory(cluster, new InventoryEvent.PodUpserted(Projections.pod(pod)));
                exporters.update(pod);
            }
            case DELETED -> {
                var meta = pod.getMetadata();
                sink.inventory(cluster, new InventoryEvent.PodDeleted(meta.getNamespace(), meta.getName()));
                exporters.remove(meta.getNamespace(), meta.getName());
            }
            default -> {
                // as for nodes
            }
        }
    }

    private void closeWatches() {
        for (Watch watch : watches) {
            try {
                watch.close();
            } catch (RuntimeException ignored) {
                // closing a watch that already failed may fail again; nothing more to do
            }
        }
        watches.clear();
    }

    private static boolean sleep(Duration delay) {
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /// Hands watch events to a handler and reports the end of the watch once.
    private final class Forwarder<T> implements Watcher<T> {
        private final int forCycle;
        private final CompletableFuture<@Nullable WatcherException> lost;
        private final BiConsumer<Action, T> handler;

        Forwarder(int forCycle, CompletableFuture<@Nullable WatcherException> lost, BiConsumer<Action, T> handler) {
            this.forCycle = forCycle;
            this.lost = lost;
            this.handler = handler;
        }

        @Override
        public void eventReceived(Action action, T resource) {
            if (forCycle != cycle || closed) {
                return;
            }
            try {
                handler.accept(action, resource);
            } catch (RuntimeException bug) {
                LOG.error("{}: a {} event could not be applied and was skipped", cluster, action, bug);
            }
        }

        @Override
        public void onClose(WatcherException cause) {
            lost.complete(cause);
        }

        @Override
        public void onClose() {
            lost.complete(null);
        }
    }
}
