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
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MIN_WATCH_LIFETIME = Duration.ofSeconds(2);

    private final String cluster;
    private final KubernetesClient client;
    private final FleetSink sink;
    private final ExporterRegistry exporters;
    private final StatusTracker status;
    private final ClusterIdentity identity;
    private final Duration maxRetryDelay;
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

    InventoryWatch(String cluster, KubernetesClient client, FleetSink sink, ExporterRegistry exporters,
            StatusTracker status, ClusterIdentity identity, Duration maxRetryDelay) {
        this.cluster = cluster;
        this.client = client;
        this.sink = sink;
        this.exporters = exporters;
        this.status = status;
        this.identity = identity;
        this.maxRetryDelay = maxRetryDelay;
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
        Duration delay = FIRST_RETRY;
        while (!closed) {
            try {
                CompletableFuture<@Nullable WatcherException> lost = syncAndWatch();
                long watching = System.nanoTime();
                delay = FIRST_RETRY;
                WatcherException why = lost.get();
                closeWatches();
                if (!closed) {
                    LOG.debug("Watch on {} ended ({}); listing again", cluster, why == null ? "closed" : why.getMessage());
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
                report(failure instanceof ExecutionException wrapped && wrapped.getCause() != null
                        ? wrapped.getCause() : failure);
                if (!sleep(delay)) {
                    return;
                }
                delay = delay.multipliedBy(2).compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay.multipliedBy(2);
            }
        }
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
        status.inventory(ConnectionState.LIVE, null);
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

    /// The first sync (or one after a failure) shows how far it is; a re-list of a live
    /// connection keeps showing the data it has.
    private void showProgress(SyncProgress progress) {
        if (status.inventoryState() != ConnectionState.LIVE) {
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
