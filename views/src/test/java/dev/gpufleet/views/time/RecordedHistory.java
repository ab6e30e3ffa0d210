package dev.gpufleet.views.time;

import dev.gpufleet.core.history.FleetHistory;
import dev.gpufleet.core.history.GpuKey;
import dev.gpufleet.core.history.HistoryConfig;
import dev.gpufleet.core.history.HistoryMatrix;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.HistoryReplay;
import dev.gpufleet.core.store.NodeSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/// A real [FleetHistory] behind the [HistoryAccess] port, answering at once: `ticks` ticks of
/// 10 s ending at the live snapshot's time, each GPU's utilization `(tick × 10 + index) % 100`.
public final class RecordedHistory implements HistoryAccess {

    public static final Duration RESOLUTION = Duration.ofSeconds(10);

    private final FleetHistory history = new FleetHistory(new HistoryConfig(RESOLUTION, Duration.ofHours(1),
            HistoryConfig.DEFAULT_METRICS));
    private final FleetSnapshot live;
    final AtomicInteger snapshotsAsked = new AtomicInteger();

    public RecordedHistory(FleetSnapshot live, int ticks) {
        this.live = live;
        for (int tick = 0; tick < ticks; tick++) {
            Instant at = live.time().minus(RESOLUTION.multipliedBy(ticks - 1 - tick));
            for (ClusterSnapshot cluster : live.clusters()) {
                for (NodeSnapshot node : cluster.nodes()) {
                    for (GpuSnapshot gpu : node.gpus()) {
                        if (gpu.uuid() != null) {
                            history.record(new GpuKey(cluster.name(), node.name(), gpu.uuid()), at,
                                    util(utilization(tick, gpu.index())));
                        }
                    }
                }
            }
        }
    }

    /// What tick `tick` (0 oldest) holds for GPU `index`.
    public static double utilization(int tick, int index) {
        return (tick * 10 + index) % 100;
    }

    private static MetricValues util(double value) {
        double[] row = MetricValues.blankArray();
        row[Metric.GPU_UTIL.ordinal()] = value;
        return MetricValues.wrap(row);
    }

    @Override
    public CompletableFuture<Optional<Window>> window() {
        return CompletableFuture.completedFuture(Optional.of(new Window(history.timeOf(history.oldestRecordedTick()),
                history.timeOf(history.newestTick()), RESOLUTION)));
    }

    @Override
    public CompletableFuture<FleetSnapshot> snapshotAt(Instant time) {
        snapshotsAsked.incrementAndGet();
        return CompletableFuture.completedFuture(HistoryReplay.at(live, history, time));
    }

    @Override
    public CompletableFuture<HistoryMatrix> matrix(List<GpuKey> gpus, Metric metric, Instant until, int columns,
            int bucketTicks) {
        return CompletableFuture.completedFuture(HistoryMatrix.read(history, gpus, metric, until, columns, bucketTicks));
    }
}
