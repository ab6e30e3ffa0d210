package dev.gpufleet.core.actions;

import dev.gpufleet.core.drain.DrainReport;
import java.util.concurrent.CompletableFuture;

/// A drain under way: its outcome once it ends, and a way to stop it (the node stays cordoned).
public interface DrainExecution {

    /// Completes with the report once the drain ended (and its outcome is in the audit log).
    CompletableFuture<DrainReport> result();

    /// Stops evicting; pods already evicted stay gone, the node stays cordoned.
    void cancel();
}
