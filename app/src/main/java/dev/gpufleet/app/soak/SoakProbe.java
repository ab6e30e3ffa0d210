package dev.gpufleet.app.soak;

import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.views.heatmap.FleetHeatmap;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Samples a running console for a soak: every [SoakPlan#interval()] it collects the garbage,
/// then records the heap in use, the live threads, the FX pulse figures of the window since the
/// previous sample ([PulseMeter]) and the newest snapshot's version and size; after
/// [SoakPlan#duration()] it completes [#run()]'s future with the [SoakReport].
///
/// Call [#startPulses()] on the FX thread before the console is built, [#attach] once its scene
/// and heatmap exist, then [#run()].
public final class SoakProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SoakProbe.class);
    private static final double MB = 1024.0 * 1024.0;

    private final SoakPlan plan;
    private final Supplier<FleetSnapshot> snapshots;
    private final Supplier<String> churn;
    private final PulseMeter meter = new PulseMeter();
    private final List<SoakSample> samples = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("soak-probe").daemon().factory());
    private final CompletableFuture<SoakReport> done = new CompletableFuture<>();
    private long startNanos;

    /// @param snapshots the store's newest snapshot
    /// @param churn     what the demo's churn has done so far, in words ("" without churn)
    public SoakProbe(SoakPlan plan, Supplier<FleetSnapshot> snapshots, Supplier<String> churn) {
        this.plan = plan;
        this.snapshots = snapshots;
        this.churn = churn;
    }

    public SoakPlan plan() {
        return plan;
    }

    /// Starts timing FX pulses; on the FX thread, before the console's own timers start.
    public void startPulses() {
        meter.start();
    }

    /// Watches the console's scene and heatmap; on the FX thread.
    public void attach(Scene scene, FleetHeatmap heatmap) {
        meter.attach(scene, heatmap);
    }

    /// Starts the clock and the sampling; the future completes with the report after the plan's
    /// duration, or exceptionally if a sample could not be taken.
    public synchronized CompletableFuture<SoakReport> run() {
        if (startNanos == 0) {
            startNanos = System.nanoTime();
            Platform.runLater(meter::drain);
            long every = plan.interval().toMillis();
            sampler.scheduleAtFixedRate(this::sample, every, every, TimeUnit.MILLISECONDS);
            LOG.info("Soak started: {} with a sample every {}", plan.duration(), plan.interval());
        }
        return done;
    }

    private void sample() {
        try {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            System.gc();
            double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MB;
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            CompletableFuture<PulseMeter.Window> drained = new CompletableFuture<>();
            Platform.runLater(() -> drained.complete(meter.drain()));
            PulseMeter.Window w = drained.get(plan.interval().toMillis() + 30_000, TimeUnit.MILLISECONDS);
            SoakSample sample = sampleOf(seconds, heap, threads, w, snapshots.get());
            samples.add(sample);
            LOG.info("Soak sample {}", sample.csv());
            if (samples.size() >= plan.duration().toMillis() / plan.interval().toMillis()) {
                sampler.shutdown();
                done.complete(new SoakReport(plan, samples, churn.get()));
            }
        } catch (Exception | Error failure) {
            sampler.shutdown();
            done.completeExceptionally(failure);
        }
    }

    private static SoakSample sampleOf(double seconds, double heap, int threads, PulseMeter.Window w,
            FleetSnapshot snapshot) {
        int nodes = 0;
        int pods = 0;
        for (ClusterSnapshot cluster : snapshot.clusters()) {
            nodes += cluster.nodes().size();
            pods += cluster.unscheduled().size();
            for (NodeSnapshot node : cluster.nodes()) {
                pods += node.pods().size();
            }
        }
        return new SoakSample(seconds, heap, threads, w.pulses(), w.gapP50(), w.gapP99(), w.gapMax(), w.frames(),
                w.frameP50(), w.frameP99(), w.frameMax(), snapshot.version(), nodes, pods, snapshot.gpuCount());
    }

    /// Stops sampling and timing.
    @Override
    public void close() {
        sampler.shutdownNow();
        Platform.runLater(meter::stop);
    }
}
