package dev.gpufleet.app.cli;

import dev.gpufleet.core.rebalance.MoveEvent;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/// One line per rebalance step, stamped with the seconds since the run began and the move's
/// step; eviction steps are worded as drain words them.
final class RebalanceProgress implements Consumer<MoveEvent> {

    private final PrintWriter out;
    private final DrainProgress eviction;
    private final long started = System.nanoTime();

    RebalanceProgress(PrintWriter out) {
        this.out = out;
        this.eviction = new DrainProgress(out, false);
    }

    @Override
    public synchronized void accept(MoveEvent event) {
        String prefix = String.format(Locale.ROOT, "[%6.1fs] move %d: ", (System.nanoTime() - started) / 1e9,
                event.move().step());
        switch (event) {
            case MoveEvent.Starting starting -> out.println(prefix + "moving " + starting.move().pod().qualifiedName()
                    + " off " + starting.move().from() + " (expected on " + starting.move().to() + ")");
            case MoveEvent.Evicting evicting -> out.println(prefix + eviction.describe(evicting.event()));
            case MoveEvent.Finished finished -> out.println(prefix + finished.result().status().name()
                    .toLowerCase(Locale.ROOT) + ": " + finished.result().message());
        }
        out.flush();
    }
}
