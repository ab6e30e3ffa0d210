package dev.gpufleet.core.actions;

import dev.gpufleet.core.rebalance.ApplyReport;
import java.util.concurrent.CompletableFuture;

/// A rebalance under way: its report once it ends, and the operator's handles on it.
public interface RebalanceExecution {

    /// Completes with the report once the run ended (each move's outcome is in the audit log).
    CompletableFuture<ApplyReport> result();

    /// Starts no new move until [#resume()]; moves in flight carry on to their end.
    void pause();

    /// Starts moves again after [#pause()].
    void resume();

    /// Stops the run: no new evictions; moves in flight end where they are (what was evicted stays evicted).
    void cancel();
}
