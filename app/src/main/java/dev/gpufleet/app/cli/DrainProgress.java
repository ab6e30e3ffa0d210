package dev.gpufleet.app.cli;

import dev.gpufleet.core.drain.DrainEvent;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/// One line per drain step, stamped with the seconds since the drain began, so a drain held
/// back by a PodDisruptionBudget says so every retry instead of hanging silently.
final class DrainProgress implements Consumer<DrainEvent> {

    private final PrintWriter out;
    private final boolean dryRun;
    private final long started = System.nanoTime();

    DrainProgress(PrintWriter out, boolean dryRun) {
        this.out = out;
        this.dryRun = dryRun;
    }

    @Override
    public synchronized void accept(DrainEvent event) {
        out.println(String.format(Locale.ROOT, "[%6.1fs] ", (System.nanoTime() - started) / 1e9) + describe(event));
        out.flush();
    }

    /// The event in words, without the time stamp.
    String describe(DrainEvent event) {
        return switch (event) {
            case DrainEvent.Cordoned cordoned -> "node/" + cordoned.node() + (cordoned.already() ? " already cordoned" : " cordoned");
            case DrainEvent.Evicted evicted -> (dryRun ? "the server would evict pod " : "evicting pod ")
                    + evicted.pod().qualifiedName();
            case DrainEvent.EvictionBlocked blocked -> "pod " + blocked.pod().qualifiedName() + " held back (attempt "
                    + blocked.attempt() + (blocked.retryIn().isZero() ? "" : ", retrying in " + blocked.retryIn().toSeconds()
                    + " s") + "): " + blocked.reason();
            case DrainEvent.PodGone gone -> "pod " + gone.pod().qualifiedName() + (gone.replaced() ? " replaced" : " gone");
            case DrainEvent.EvictionFailed failed -> "pod " + failed.pod().qualifiedName() + " not evicted: " + failed.message();
        };
    }
}
