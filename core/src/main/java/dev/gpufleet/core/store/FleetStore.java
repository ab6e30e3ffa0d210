package dev.gpufleet.core.store;

import dev.gpufleet.core.history.FleetHistory;
import dev.gpufleet.core.history.HistoryConfig;
import dev.gpufleet.core.history.HistoryReader;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The single writer of fleet state.
///
/// Connectors hand it changes from any thread; one writer thread applies them in order,
/// coalesces whatever arrived together, and publishes one immutable [FleetSnapshot] with a
/// higher version. Readers take [#current()] whenever they like and never block the writer.
///
/// The writer also keeps the fleet's metric history ([FleetHistory]): every frame is recorded
/// there, a deleted node's or removed cluster's GPUs are forgotten. History is not part of
/// the snapshot (it is large and mutable); [#readHistory(Function)] runs a query on the
/// writer thread, so it never sees a half-recorded frame.
public final class FleetStore implements FleetSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FleetStore.class);

    private final Clock clock;
    private final BlockingQueue<Consumer<Map<String, ClusterState>>> queue = new LinkedBlockingQueue<>();
    private final Map<String, ClusterState> clusters = new LinkedHashMap<>();
    private final FleetHistory history;
    private final List<Consumer<FleetSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final Thread writer;
    private volatile FleetSnapshot current;
    private volatile boolean closed;

    public FleetStore(Clock clock, HistoryConfig historyConfig) {
        this.clock = clock;
        this.history = new FleetHistory(historyConfig);
        this.current = FleetSnapshot.empty(clock.instant());
        this.writer = Thread.ofPlatform().daemon().name("fleet-store-writer").start(this::writeLoop);
    }

    /// A store keeping [HistoryConfig#defaults()] history.
    public FleetStore(Clock clock) {
        this(clock, HistoryConfig.defaults());
    }

    public FleetStore() {
        this(Clock.systemUTC());
    }

    /// The newest published snapshot.
    public FleetSnapshot current() {
        return current;
    }

    /// Completes with a snapshot that includes every change handed in before this call.
    public CompletableFuture<FleetSnapshot> sync() {
        CompletableFuture<FleetSnapshot> done = new CompletableFuture<>();
        queue.add(new SyncMarker(done));
        return done;
    }

    /// Completes with what `query` computes from the history, run on the writer thread between
    /// changes. The reader is valid only during the call: copy out what you need (e.g. with
    /// [HistoryReader#read] into your own array) and do not keep it.
    public <T> CompletableFuture<T> readHistory(Function<? super HistoryReader, ? extends T> query) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        queue.add(state -> {
            try {
                answer.complete(query.apply(history));
            } catch (RuntimeException failed) {
                answer.completeExceptionally(failed);
            }
        });
        return answer;
    }

    /// Calls `listener` on the writer thread after each publish; close the result to stop.
    public AutoCloseable subscribe(Consumer<FleetSnapshot> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void inventory(String cluster, InventoryEvent event) {
        queue.add(state -> cluster(state, cluster).apply(event));
        if (event instanceof InventoryEvent.NodeDeleted(String node)) {
            queue.add(state -> history.forgetNode(cluster, node));
        }
    }

    @Override
    public void telemetry(TelemetryFrame frame) {
        queue.add(state -> cluster(state, frame.cluster()).apply(frame));
        // A separate change, so a frame the snapshot cannot take still reaches the history.
        queue.add(state -> history.record(frame));
    }

    @Override
    public void connection(String cluster, ConnectionStatus status) {
        queue.add(state -> cluster(state, cluster).connection(status));
    }

    @Override
    public void removeCluster(String cluster) {
        queue.add(state -> state.remove(cluster));
        queue.add(state -> history.forgetCluster(cluster));
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
    }

    private ClusterState cluster(Map<String, ClusterState> state, String name) {
        return state.computeIfAbsent(name, n -> new ClusterState(n,
                ConnectionStatus.of(ConnectionState.CONNECTING, clock.instant())));
    }

    /// A no-op change that completes its future once everything before it is published.
    private record SyncMarker(CompletableFuture<FleetSnapshot> done) implements Consumer<Map<String, ClusterState>> {
        @Override
        public void accept(Map<String, ClusterState> state) {
        }
    }

    private void writeLoop() {
        List<Consumer<Map<String, ClusterState>>> batch = new ArrayList<>();
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException stop) {
                return;
            }
            queue.drainTo(batch);
            List<SyncMarker> markers = new ArrayList<>();
            for (Consumer<Map<String, ClusterState>> change : batch) {
                applySafely(change);
                if (change instanceof SyncMarker marker) {
                    markers.add(marker);
                }
            }
            batch.clear();
            publish();
            markers.forEach(marker -> marker.done().complete(current));
        }
    }

    private void applySafely(Consumer<Map<String, ClusterState>> change) {
        try {
            change.accept(clusters);
        } catch (RuntimeException bug) {
            LOG.error("A fleet change could not be applied and was skipped", bug);
        }
    }

    /// Cluster snapshots are cached until something changes, so identity tells "unchanged".
    private static boolean sameInstances(List<ClusterSnapshot> next, List<ClusterSnapshot> previous) {
        if (next.size() != previous.size()) {
            return false;
        }
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i) != previous.get(i)) {
                return false;
            }
        }
        return true;
    }

    private void publish() {
        List<ClusterSnapshot> snapshots = new ArrayList<>(clusters.size());
        for (ClusterState cluster : clusters.values()) {
            snapshots.add(cluster.snapshot());
        }
        FleetSnapshot previous = current;
        if (previous.version() > 0 && sameInstances(snapshots, previous.clusters())) {
            return;
        }
        current = new FleetSnapshot(previous.version() + 1, clock.instant(), snapshots);
        for (Consumer<FleetSnapshot> listener : listeners) {
            try {
                listener.accept(current);
            } catch (RuntimeException bug) {
                LOG.error("A fleet snapshot listener failed", bug);
            }
        }
    }
}
