package dev.gpufleet.core.store;

import dev.gpufleet.core.history.ArchiveLoad;
import dev.gpufleet.core.history.ArchiveProblem;
import dev.gpufleet.core.history.FleetHistory;
import dev.gpufleet.core.history.HistoryArchive;
import dev.gpufleet.core.history.HistoryConfig;
import dev.gpufleet.core.history.HistoryReader;
import dev.gpufleet.core.history.RetainedWindow;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import dev.gpufleet.core.triage.TriageThresholds;
import dev.gpufleet.core.triage.XidHistory;
import dev.gpufleet.core.triage.XidTracker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
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
///
/// With a [HistoryArchive], a cluster's archived history is loaded when it is first seen,
/// saved every [#ARCHIVE_INTERVAL] while frames come in, and saved once more when the cluster
/// is removed and when the store closes.
public final class FleetStore implements FleetSink, AutoCloseable {

    /// How often the history of each cluster is saved while frames come in.
    public static final Duration ARCHIVE_INTERVAL = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(FleetStore.class);

    private final Clock clock;
    private final BlockingQueue<Consumer<Map<String, ClusterState>>> queue = new LinkedBlockingQueue<>();
    private final Map<String, ClusterState> clusters = new LinkedHashMap<>();
    private final FleetHistory history;
    private final XidTracker xids = new XidTracker();
    private TriageThresholds thresholds = TriageThresholds.defaults();
    private final @Nullable HistoryArchive archive;
    private Instant nextArchive;
    private final List<Consumer<FleetSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final Thread writer;
    private volatile FleetSnapshot current;
    private volatile boolean closed;

    /// A store that saves history to `archive` (which it closes on [#close()]), or keeps it in
    /// memory only when `archive` is null.
    public FleetStore(Clock clock, HistoryConfig historyConfig, @Nullable HistoryArchive archive) {
        this.clock = clock;
        this.history = new FleetHistory(historyConfig);
        this.archive = archive;
        this.current = FleetSnapshot.empty(clock.instant());
        this.nextArchive = clock.instant().plus(ARCHIVE_INTERVAL);
        this.writer = Thread.ofPlatform().daemon().name("fleet-store-writer").start(this::writeLoop);
    }

    /// A store keeping history in memory only.
    public FleetStore(Clock clock, HistoryConfig historyConfig) {
        this(clock, historyConfig, null);
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

    /// The XIDs seen on `node`'s GPUs of `cluster` since the store started ([XidTracker]: the
    /// exporter's gauge holds only the last one), copied on the writer thread.
    public CompletableFuture<XidHistory> xidHistory(String cluster, String node) {
        return readHistory(ignored -> xids.node(cluster, node));
    }

    /// Judges every GPU's health by `next` from now on (the heatmap's colours); GPUs already
    /// shown are re-judged at once.
    public void thresholds(TriageThresholds next) {
        queue.add(state -> {
            thresholds = next;
            state.values().forEach(cluster -> cluster.thresholds(next));
        });
    }

    /// What the history keeps now (full-resolution window, coarse tier), for a view to show;
    /// empty before the first frame.
    public CompletableFuture<Optional<RetainedWindow>> retainedWindow() {
        return readHistory(reader -> reader.newestTick() == FleetHistory.NO_TICK ? Optional.<RetainedWindow>empty()
                : Optional.of(RetainedWindow.of(reader)));
    }

    /// The fleet as the history held it at `time` ([HistoryReplay]), for the time scrubber.
    public CompletableFuture<FleetSnapshot> snapshotAt(Instant time) {
        return readHistory(reader -> HistoryReplay.at(current, reader, time));
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
            queue.add(state -> xids.forgetNode(cluster, node));
        }
    }

    @Override
    public void telemetry(TelemetryFrame frame) {
        queue.add(state -> cluster(state, frame.cluster()).apply(frame));
        // A separate change, so a frame the snapshot cannot take still reaches the history.
        queue.add(state -> history.record(frame));
        queue.add(state -> xids.record(frame));
    }

    @Override
    public void backfill(String cluster, List<TelemetryFrame> frames) {
        List<TelemetryFrame> copy = List.copyOf(frames);
        queue.add(state -> {
            // A cluster removed while its backfill was in flight stays forgotten.
            if (state.containsKey(cluster)) {
                copy.stream().filter(frame -> frame.cluster().equals(cluster)).forEach(history::record);
            }
        });
    }

    @Override
    public HistoryConfig historyConfig() {
        return history.config();
    }

    /// The fine ring's reach as planned for the GPUs seen by then (asked on the writer, after
    /// the frames handed in before).
    @Override
    public CompletableFuture<Duration> backfillWindow() {
        return readHistory(reader -> reader.retention().fineWindow());
    }

    @Override
    public void connection(String cluster, ConnectionStatus status) {
        queue.add(state -> cluster(state, cluster).connection(status));
    }

    @Override
    public void removeCluster(String cluster) {
        queue.add(state -> {
            if (state.remove(cluster) != null) {
                archive(cluster);
            }
        });
        queue.add(state -> history.forgetCluster(cluster));
        queue.add(state -> xids.forgetCluster(cluster));
    }

    /// Saves every cluster's history now; completes once it is on disk (at once without an
    /// archive).
    public CompletableFuture<Void> flushHistory() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(state -> {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            state.keySet().forEach(cluster -> writes.add(archive(cluster)));
            // Writes already queued (e.g. of a cluster removed just before) count as part of this flush.
            if (archive != null) {
                writes.add(archive.written());
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                    .whenComplete((ignored, failed) -> {
                        if (failed == null) {
                            done.complete(null);
                        } else {
                            done.completeExceptionally(failed);
                        }
                    });
        });
        return done;
    }

    /// Saves the history (when archived), then stops the writer; changes handed in after
    /// this call are dropped.
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (archive != null && writer.isAlive()) {
            awaitFinalFlush(flushHistory());
            archive.close();
        }
        closed = true;
        writer.interrupt();
    }

    private void awaitFinalFlush(CompletableFuture<Void> flushed) {
        try {
            flushed.get(1, TimeUnit.MINUTES);
        } catch (ExecutionException failed) {
            LOG.warn("The metric history could not be saved on close: {}", failed.getCause().getMessage());
        } catch (TimeoutException slow) {
            LOG.warn("Gave up waiting for the metric history to be saved on close");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private ClusterState cluster(Map<String, ClusterState> state, String name) {
        ClusterState existing = state.get(name);
        if (existing != null) {
            return existing;
        }
        if (archive != null) {
            loadArchived(name);
        }
        ClusterState created = new ClusterState(name, ConnectionStatus.of(ConnectionState.CONNECTING, clock.instant()));
        created.thresholds(thresholds);
        state.put(name, created);
        return created;
    }

    private void loadArchived(String cluster) {
        long started = System.nanoTime();
        ArchiveLoad loaded = Objects.requireNonNull(archive).load(cluster, history, clock.instant());
        if (loaded.segments() > 0) {
            LOG.info("Restored {} hour(s) of metric history for {} GPUs of {} in {} ms", loaded.segments(),
                    loaded.gpus(), cluster, (System.nanoTime() - started) / 1_000_000);
        }
        for (ArchiveProblem problem : loaded.problems()) {
            LOG.warn("Saved metric history of {} not restored from {}", cluster, problem);
        }
    }

    private CompletableFuture<Void> archive(String cluster) {
        return archive == null ? CompletableFuture.completedFuture(null) : archive.flush(cluster, history);
    }

    private void archiveWhenDue() {
        if (archive != null && !clock.instant().isBefore(nextArchive)) {
            nextArchive = clock.instant().plus(ARCHIVE_INTERVAL);
            clusters.keySet().forEach(this::archive);
        }
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
            archiveWhenDue();
            publish();
            markers.forEach(marker -> marker.done().complete(current));
        }
    }

    private void applySafely(Consumer<Map<String, ClusterState>> change) {
        try {
            change.accept(clusters);
        } catch (RuntimeException bug) {
            LOG.error("A fleet change could not be applied and was skipped", bug);
        } catch (OutOfMemoryError full) {
            // The writer must outlive a frame too big for the heap: dying here would freeze every
            // view on its last snapshot with no word. The change is dropped and its memory freed.
            LOG.error("The fleet store ran out of memory applying a change (max heap {} MiB); it was skipped. "
                    + "Start gpufleet with a larger -Xmx, or a smaller --history-budget.",
                    Runtime.getRuntime().maxMemory() >> 20, full);
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
