package dev.gpufleet.app;

import dev.gpufleet.connectors.cluster.ClusterConnection;
import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.core.store.NodeSnapshot;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// `gpufleet --bench-sync`: opens the real console on the plan's clusters and measures the
/// first sync of a big cluster: time to the first full inventory (nodes and pods) and to the
/// first complete telemetry (every exporter read once), the heap after a full GC at both
/// points, the most heap left live after any collection, the longest gap between JavaFX
/// pulses while it synced ([PulseWatch]) and the progress the connection reported.
///
/// The bench's own full collections pause the application; the pulse gaps they cause are not
/// counted. Its history archive goes to a temporary folder, removed afterwards.
public final class ScaleBench {

    private static final Logger LOG = LoggerFactory.getLogger(ScaleBench.class);
    private static final Duration POLL = Duration.ofMillis(200);

    /// What one run measured.
    ///
    /// @param inventory        from start to the first full inventory in the console's snapshot
    /// @param telemetry        from start to the first telemetry frame of every exporter
    /// @param heapAtInventory  heap used after a full GC at the first full inventory
    /// @param heapAtTelemetry  heap used after a full GC at the first complete telemetry
    /// @param maxHeapAfterGc   the most heap any collection left in use, during the run
    /// @param longestPulseGap  the longest time between two JavaFX pulses, the bench's own GCs excepted
    /// @param nodes            nodes in the snapshot at the end
    /// @param pods             pods in the snapshot at the end
    /// @param gpus             GPUs in the snapshot at the end
    /// @param gpusWithTelemetry GPUs with readings at the end
    /// @param progressMessages distinct progress messages the connection reported, in order
    /// @param cpuAtInventory   CPU time the console's process had used at the first full inventory
    /// @param cpuAtTelemetry   CPU time the console's process had used at the first complete telemetry
    public record Result(Duration inventory, Duration telemetry, long heapAtInventory, long heapAtTelemetry,
            long maxHeapAfterGc, Duration longestPulseGap, int nodes, int pods, int gpus, int gpusWithTelemetry,
            List<String> progressMessages, Duration cpuAtInventory, Duration cpuAtTelemetry) {

        public Result {
            progressMessages = List.copyOf(progressMessages);
        }
    }

    /// How many nodes, pods and GPUs a snapshot holds.
    record Counts(int nodes, int pods, int gpus, int gpusWithTelemetry) {

        static Counts of(FleetSnapshot snapshot) {
            int nodes = 0;
            int pods = 0;
            int gpus = 0;
            int live = 0;
            for (ClusterSnapshot cluster : snapshot.clusters()) {
                pods += cluster.unscheduled().size();
                for (NodeSnapshot node : cluster.nodes()) {
                    nodes++;
                    pods += node.pods().size();
                    gpus += node.gpus().size();
                    for (var gpu : node.gpus()) {
                        live += gpu.hasTelemetry() ? 1 : 0;
                    }
                }
            }
            return new Counts(nodes, pods, gpus, live);
        }
    }

    private ScaleBench() {
    }

    /// Runs the bench on `plan` (its clusters connected at start) and returns what it measured.
    ///
    /// @param progress gets one line per progress message and a count line every few seconds
    /// @throws TimeoutException when the sync did not finish within `timeout`
    public static Result run(ConsolePlan plan, Duration timeout, Consumer<String> progress)
            throws InterruptedException, TimeoutException, IOException {
        Path historyRoot = Files.createTempDirectory("gpufleet-bench-history");
        HeapWatch heap = HeapWatch.start();
        AtomicReference<@Nullable Stage> window = new AtomicReference<>();
        long started = System.nanoTime();
        long uptimeAtStart = ManagementFactory.getRuntimeMXBean().getUptime();
        try (FleetSession session = new FleetSession(FleetSession.persistentStore(historyRoot), plan.kubeconfig(),
                FleetSession.demoConfig(), ConnectionOptions.defaults())) {
            PulseWatch pulses = new PulseWatch();
            CountDownLatch shown = new CountDownLatch(1);
            ConsoleLauncher.startToolkit(() -> {
                Stage stage = ConsoleLauncher.showConsole(session, plan, Clock.systemUTC());
                window.set(stage);
                stage.setOnCloseRequest(event -> LOG.info("The bench's window was closed; the run goes on"));
                pulses.start();
                shown.countDown();
            });
            shown.await();
            Run run = new Run(session.store(), progress, started, System.nanoTime() + timeout.toNanos());
            Duration inventory = run.awaitInventory();
            Duration cpuAtInventory = processCpu();
            long heapAtInventory = pulses.excluding(heap::usedAfterFullGc);
            Duration telemetry = run.awaitTelemetry(connections(session));
            Duration cpuAtTelemetry = processCpu();
            long heapAtTelemetry = pulses.excluding(heap::usedAfterFullGc);
            Counts counts = Counts.of(session.store().current());
            closeWindow(window.get(), pulses);
            for (PulseWatch.SlowGap gap : pulses.slowGaps()) {
                // Beside each stall, how much of it the collector stopped every thread for.
                long from = uptimeAtStart + (gap.startNanos() - started) / 1_000_000;
                long paused = heap.pausedBetween(from, from + gap.gapNanos() / 1_000_000);
                progress.accept(String.format(Locale.ROOT, "%7.1f s  the UI stalled %d ms (garbage collection paused %d ms of it)",
                        (gap.startNanos() - started) / 1e9, gap.gapNanos() / 1_000_000, paused));
            }
            return new Result(inventory, telemetry, heapAtInventory, heapAtTelemetry,
                    Math.max(heap.maxAfterGc(), Math.max(heapAtInventory, heapAtTelemetry)), pulses.longestGap(),
                    counts.nodes(), counts.pods(), counts.gpus(), counts.gpusWithTelemetry(), run.messages(),
                    cpuAtInventory, cpuAtTelemetry);
        } finally {
            heap.close();
            Platform.exit();
            deleteQuietly(historyRoot);
        }
    }

    /// Closes the window before the toolkit exits: GTK under Xvfb has crashed closing a window
    /// that was still showing at exit.
    private static void closeWindow(@Nullable Stage stage, PulseWatch pulses) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> {
            pulses.stop();
            if (stage != null) {
                stage.hide();
            }
            closed.countDown();
        });
        if (!closed.await(10, TimeUnit.SECONDS)) {
            LOG.warn("The bench's window did not close within 10 s");
        }
    }

    private static List<ClusterConnection> connections(FleetSession session) throws InterruptedException {
        // The console connects on a background task; wait until every connection exists.
        while (session.connections().isEmpty()) {
            Thread.sleep(POLL);
        }
        return session.connections();
    }

    /// Follows the store's snapshots until the inventory and then the telemetry are complete.
    private static final class Run {
        private final FleetStore store;
        private final Consumer<String> progress;
        private final long started;
        private final long deadline;
        private final List<String> messages = new ArrayList<>();
        private long nextCountLine;
        private long nextMessageLine;
        private String lastShownState = "\u0000";

        Run(FleetStore store, Consumer<String> progress, long started, long deadline) {
            this.store = store;
            this.progress = progress;
            this.started = started;
            this.deadline = deadline;
        }

        Duration awaitInventory() throws InterruptedException, TimeoutException {
            while (true) {
                FleetSnapshot snapshot = store.current();
                note(snapshot);
                if (!snapshot.clusters().isEmpty() && snapshot.clusters().stream().allMatch(Run::inventoryDone)) {
                    Duration at = elapsed();
                    progress.accept(line("first full inventory", Counts.of(snapshot)));
                    return at;
                }
                pause();
            }
        }

        Duration awaitTelemetry(List<ClusterConnection> connections) throws InterruptedException, TimeoutException {
            for (ClusterConnection connection : connections) {
                while (!connection.ready().isDone()) {
                    note(store.current());
                    pause();
                }
                if (connection.ready().isCompletedExceptionally()) {
                    throw new IllegalStateException(connection.cluster() + " could not be read: "
                            + connection.status().message());
                }
            }
            try {
                FleetSnapshot snapshot = store.sync().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                Duration at = elapsed();
                progress.accept(line("first complete telemetry", Counts.of(snapshot)));
                return at;
            } catch (ExecutionException failure) {
                throw new IllegalStateException("the fleet store failed", failure.getCause());
            }
        }

        List<String> messages() {
            return List.copyOf(messages);
        }

        private static boolean inventoryDone(ClusterSnapshot cluster) {
            ConnectionState state = cluster.connection().state();
            return state == ConnectionState.LIVE || state == ConnectionState.DEGRADED;
        }

        private void note(FleetSnapshot snapshot) {
            for (ClusterSnapshot cluster : snapshot.clusters()) {
                String message = cluster.name() + " " + cluster.connection().state()
                        + (cluster.connection().message() == null ? "" : ": " + cluster.connection().message());
                if (messages.isEmpty() || !Objects.equals(messages.getLast(), message)) {
                    // Every message is kept; a line at most every 2 s, or when the state changes.
                    boolean stateChanged = !message.startsWith(lastShownState);
                    messages.add(message);
                    if (stateChanged || System.nanoTime() >= nextMessageLine) {
                        nextMessageLine = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                        lastShownState = cluster.name() + " " + cluster.connection().state();
                        progress.accept(String.format("%7.1f s  %s", seconds(elapsed()), message));
                    }
                }
            }
            if (System.nanoTime() >= nextCountLine) {
                nextCountLine = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                progress.accept(line("in the console", Counts.of(snapshot)));
            }
        }

        private String line(String what, Counts counts) {
            return String.format("%7.1f s  %s: %,d nodes, %,d pods, %,d GPUs (%,d with readings)",
                    seconds(elapsed()), what, counts.nodes(), counts.pods(), counts.gpus(), counts.gpusWithTelemetry());
        }

        private Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - started);
        }

        private void pause() throws InterruptedException, TimeoutException {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the first sync did not finish in time; the last state was "
                        + (messages.isEmpty() ? "unknown" : messages.getLast()));
            }
            Thread.sleep(POLL);
        }
    }

    /// CPU time of this process so far (JVM start, collector and compiler threads included).
    private static Duration processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Duration.ofNanos(Math.max(0, os.getProcessCpuTime()));
        }
        return Duration.ZERO;
    }

    static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static void deleteQuietly(Path root) {
        try (var files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not remove the bench's history folder {}", root, e);
        }
    }
}
