package dev.gpufleet.views.time;

import dev.gpufleet.core.history.GpuKey;
import dev.gpufleet.core.history.HistoryMatrix;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.store.FleetSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/// What the time views read from the metric history; the app answers from the fleet store
/// (off the FX thread), tests from a history of their own.
public interface HistoryAccess {

    /// The span the history holds now, or empty before the first frame.
    CompletableFuture<Optional<Window>> window();

    /// The fleet as the history held it at `time` (today's inventory, the values of then).
    CompletableFuture<FleetSnapshot> snapshotAt(Instant time);

    /// `metric` for `gpus` over `columns` buckets of `bucketTicks` resolutions ending at `until`.
    CompletableFuture<HistoryMatrix> matrix(List<GpuKey> gpus, Metric metric, Instant until, int columns,
            int bucketTicks);

    /// The history's span: oldest and newest recorded moments and its resolution.
    record Window(Instant oldest, Instant newest, Duration resolution) {
    }

    /// No history at all (a console without a store, some tests).
    HistoryAccess NONE = new HistoryAccess() {
        @Override
        public CompletableFuture<Optional<Window>> window() {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @Override
        public CompletableFuture<FleetSnapshot> snapshotAt(Instant time) {
            return CompletableFuture.failedFuture(new IllegalStateException("no metric history is kept"));
        }

        @Override
        public CompletableFuture<HistoryMatrix> matrix(List<GpuKey> gpus, Metric metric, Instant until, int columns,
                int bucketTicks) {
            return CompletableFuture.failedFuture(new IllegalStateException("no metric history is kept"));
        }
    };
}
