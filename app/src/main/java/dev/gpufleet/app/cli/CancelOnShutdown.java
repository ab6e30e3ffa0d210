package dev.gpufleet.app.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/// Waits for an action that runs on its own threads (a drain, a rebalance). Ctrl-C shuts the
/// JVM down: then the action is cancelled and the JVM held, at most 10 s, until its outcome is
/// in (and so in the audit log).
final class CancelOnShutdown {

    private CancelOnShutdown() {
    }

    static <T> T await(CompletableFuture<T> result, Runnable cancel, String threadName)
            throws InterruptedException, ExecutionException {
        Thread onInterrupt = new Thread(() -> {
            cancel.run();
            try {
                result.get(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException ignored) {
                // The JVM goes down either way; the intent stays in the audit log.
            }
        }, threadName);
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            return result.get();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: the JVM is going down and the hook cancels the action.
            }
        }
    }
}
