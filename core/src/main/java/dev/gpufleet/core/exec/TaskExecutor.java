package dev.gpufleet.core.exec;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/// The one threading seam: background work goes through this, so the app can run it on
/// virtual threads and tests on the calling thread.
public interface TaskExecutor {

    void execute(Runnable task);

    default <T> CompletableFuture<T> supply(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }
}
