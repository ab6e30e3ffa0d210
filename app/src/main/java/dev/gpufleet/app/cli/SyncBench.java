package dev.gpufleet.app.cli;

import dev.gpufleet.app.ConsolePlan;
import dev.gpufleet.app.ScaleBench;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/// `gpufleet --bench-sync`: runs [ScaleBench] on the console's clusters, prints what it
/// measured and a one-line verdict against the big-cluster goals: first full inventory within
/// [#INVENTORY_GOAL], heap within [#HEAP_GOAL], no pulse gap past [#PULSE_GOAL].
final class SyncBench {

    static final Duration INVENTORY_GOAL = Duration.ofSeconds(60);
    static final long HEAP_GOAL = 1536L << 20;
    /// A pause a person notices as a stutter; 60 Hz pulses come every 17 ms.
    static final Duration PULSE_GOAL = Duration.ofMillis(250);
    static final Duration TIMEOUT = Duration.ofMinutes(15);

    private SyncBench() {
    }

    static int run(ConsolePlan plan, PrintStream out) {
        out.printf("bench-sync: max heap (-Xmx) %s, %d CPUs, connecting %s%n", mib(Runtime.getRuntime().maxMemory()),
                Runtime.getRuntime().availableProcessors(), String.join(", ", plan.connectAtStart()));
        out.flush();
        try {
            ScaleBench.Result result = ScaleBench.run(plan, TIMEOUT, line -> {
                out.println(line);
                out.flush();
            });
            report(result, out);
            out.println(verdict(result));
            return 0;
        } catch (TimeoutException late) {
            throw new UserError("--bench-sync: " + late.getMessage() + " (gave up after " + TIMEOUT.toMinutes()
                    + " min).", 1);
        } catch (IOException e) {
            throw new UserError("--bench-sync: cannot make a temporary history folder: " + e.getMessage() + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static void report(ScaleBench.Result r, PrintStream out) {
        out.printf("first full inventory:     %.1f s (%,d nodes, %,d pods at the end)%n",
                seconds(r.inventory()), r.nodes(), r.pods());
        out.printf("first complete telemetry: %.1f s (%,d of %,d GPUs with readings)%n",
                seconds(r.telemetry()), r.gpusWithTelemetry(), r.gpus());
        out.printf("heap after full GC:       %s at inventory, %s at telemetry; most left by any GC: %s%n",
                mib(r.heapAtInventory()), mib(r.heapAtTelemetry()), mib(r.maxHeapAfterGc()));
        out.printf("console CPU time used:    %.1f s at inventory, %.1f s at telemetry (JVM start included)%n",
                seconds(r.cpuAtInventory()), seconds(r.cpuAtTelemetry()));
        out.printf("longest JavaFX pulse gap: %d ms%n", r.longestPulseGap().toMillis());
        out.printf("progress reported:        %d distinct messages%n", r.progressMessages().size());
    }

    /// One line: PASS or FAIL and each number against its goal.
    static String verdict(ScaleBench.Result r) {
        List<String> failed = new ArrayList<>();
        boolean inventory = r.inventory().compareTo(INVENTORY_GOAL) <= 0;
        boolean heap = r.maxHeapAfterGc() <= HEAP_GOAL;
        boolean pulse = r.longestPulseGap().compareTo(PULSE_GOAL) <= 0;
        if (!inventory) {
            failed.add("inventory");
        }
        if (!heap) {
            failed.add("heap");
        }
        if (!pulse) {
            failed.add("responsiveness");
        }
        return String.format("verdict: %s — inventory %.1f s (goal ≤ %d s), telemetry %.1f s, heap %s (goal ≤ %s),"
                        + " longest pulse gap %d ms (goal ≤ %d ms)%s",
                failed.isEmpty() ? "PASS" : "FAIL", seconds(r.inventory()), INVENTORY_GOAL.toSeconds(),
                seconds(r.telemetry()), mib(r.maxHeapAfterGc()), mib(HEAP_GOAL), r.longestPulseGap().toMillis(),
                PULSE_GOAL.toMillis(), failed.isEmpty() ? "" : "; missed: " + String.join(", ", failed));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static String mib(long bytes) {
        return String.format("%,d MiB", bytes >> 20);
    }
}
