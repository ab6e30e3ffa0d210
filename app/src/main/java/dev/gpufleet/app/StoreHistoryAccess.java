package dev.gpufleet.app;

import dev.gpufleet.core.history.FleetHistory;
import dev.gpufleet.core.history.GpuKey;
import dev.gpufleet.core.history.HistoryMatrix;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.views.time.HistoryAccess;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/// The time views' history, read from the fleet store on its writer thread.
final class StoreHistoryAccess implements HistoryAccess {

    private final FleetStore store;

    StoreHistoryAccess(FleetStore store) {
        this.store = store;
    }

    @Override
    public CompletableFuture<Optional<Window>> window() {
        return store.readHistory(reader -> reader.newestTick() == FleetHistory.NO_TICK ? Optional.<Window>empty()
                : Optional.of(new Window(reader.timeOf(reader.oldestRecordedTick()),
                        reader.timeOf(reader.newestTick()), reader.config().resolution())));
    }

    @Override
    public CompletableFuture<FleetSnapshot> snapshotAt(Instant time) {
        return store.snapshotAt(time);
    }

    @Override
    public CompletableFuture<HistoryMatrix> matrix(List<GpuKey> gpus, Metric metric, Instant until, int columns,
            int bucketTicks) {
        return store.readHistory(reader -> HistoryMatrix.read(reader, gpus, metric, until, columns, bucketTicks));
    }
}
