package dev.gpufleet.views.time;

import dev.gpufleet.core.history.FleetHistory;
import dev.gpufleet.core.history.GpuKey;
import dev.gpufleet.core.history.HistoryMatrix;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.HistoryReplay;
import dev.gpufleet.views.device.HistoryQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

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

    /// The time views' reads as queries on the stored history (the same port the device view
    /// uses, `FleetStore::readHistory` in the app), the replay laid over `live`'s inventory.
    static HistoryAccess of(HistoryQueries queries, Supplier<FleetSnapshot> live) {
        return new HistoryAccess() {
            @Override
            public CompletableFuture<Optional<Window>> window() {
                return queries.readHistory(reader -> reader.newestTick() == FleetHistory.NO_TICK ? Optional.<Window>empty()
                        : Optional.of(new Window(reader.timeOf(reader.oldestRecordedTick()),
                                reader.timeOf(reader.newestTick()), reader.config().resolution())));
            }

            @Override
            public CompletableFuture<FleetSnapshot> snapshotAt(Instant time) {
                return queries.readHistory(reader -> HistoryReplay.at(live.get(), reader, time));
            }

            @Override
            public CompletableFuture<HistoryMatrix> matrix(List<GpuKey> gpus, Metric metric, Instant until, int columns,
                    int bucketTicks) {
                return queries.readHistory(reader -> HistoryMatrix.read(reader, gpus, metric, until, columns, bucketTicks));
            }
        };
    }
}
