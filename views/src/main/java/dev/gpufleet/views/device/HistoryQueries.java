package dev.gpufleet.views.device;

import dev.gpufleet.core.history.HistoryReader;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/// Runs a query against the fleet's stored metric history, as `FleetStore::readHistory` does
/// (the app passes that method reference), so views need not know the store.
@FunctionalInterface
public interface HistoryQueries {

    <T> CompletableFuture<T> readHistory(Function<? super HistoryReader, ? extends T> query);

    /// No stored history: the device view fills its heatmap from live snapshots only.
    static HistoryQueries none() {
        return NoHistory.INSTANCE;
    }

    /// [#none()]'s implementation (a method reference cannot implement a generic method).
    enum NoHistory implements HistoryQueries {
        INSTANCE;

        @Override
        public <T> CompletableFuture<T> readHistory(Function<? super HistoryReader, ? extends T> query) {
            return CompletableFuture.failedFuture(new IllegalStateException("this console keeps no metric history"));
        }
    }
}
