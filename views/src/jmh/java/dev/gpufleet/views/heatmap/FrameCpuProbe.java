package dev.gpufleet.views.heatmap;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The caller thread's CPU time of [HeatmapFrameBenchmark#prepareFrame], which contention on a
/// shared machine distorts less than wall time: per `arrangement` × `changed`, 200 warm-up
/// frames, then the median CPU time and wall time of 200 frames. Run it with
/// `-Djava.util.concurrent.ForkJoinPool.common.parallelism=0` for the single-thread cost (the
/// caller does all the work), without for the parallel chunks' wall time (BENCHMARKS.md).
public final class FrameCpuProbe {

    private static final Logger LOG = LoggerFactory.getLogger(FrameCpuProbe.class);
    private static final int FRAMES = 200;

    private FrameCpuProbe() {
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String changed : new String[] {"all", "tenth"}) {
            for (String arrangement : new String[] {"plain", "grouped", "filtered"}) {
                HeatmapFrameBenchmark bench = new HeatmapFrameBenchmark();
                bench.arrangement = arrangement;
                bench.changed = changed;
                bench.setUp();
                for (int k = 0; k < FRAMES; k++) {
                    bench.prepareFrame();
                }
                long[] cpu = new long[FRAMES];
                long[] wall = new long[FRAMES];
                for (int k = 0; k < FRAMES; k++) {
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    long wall0 = System.nanoTime();
                    bench.prepareFrame();
                    wall[k] = System.nanoTime() - wall0;
                    cpu[k] = threads.getCurrentThreadCpuTime() - cpu0;
                }
                LOG.info("prepareFrame {} / {}: caller CPU median {} ms, wall median {} ms", changed, arrangement,
                        median(cpu), median(wall));
            }
        }
    }

    private static String median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("%.2f", sorted[sorted.length / 2] / 1e6);
    }
}
