package dev.gpufleet.core.history;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/// Fills a [FleetHistory] with the fleet-scale case (by default 100k GPUs × the 8 default
/// metrics × the default 6 h at 10 s, within the default [HistoryBudget]) through
/// `record(TelemetryFrame)` and prints what it retains: the shape the budget chose, the exact
/// bytes of its arrays, the heap in use after a full GC minus the heap before it was built
/// (which also counts the key table and the strings only the keys still hold), and the cost
/// of recording one frame of all GPUs (mean, and the slowest: a frame that re-lays the rings
/// or averages a bucket).
///
/// Run: `java -Xmx1g -cp core/target/classes:core/target/test-classes:<deps> \
///   dev.gpufleet.core.history.HistoryMemoryBench [gpus] [minutes] [budget]`, e.g.
/// `100000 360 384m` (the default) or `100000 60 1g` (one hour whole: the rings alone, as
/// before there was a budget). Not a unit test: it takes minutes and wants a large heap.
public final class HistoryMemoryBench {

    private static final int GPUS_PER_NODE = 8;
    private static final int DISTINCT_ROWS = 64;

    private HistoryMemoryBench() {
    }

    /// What one run measured.
    public record Result(int gpus, int samplesPerRing, int metrics, long arrayBytes, long heapBytes, double msPerFrame,
            double slowestFrameMs, Retention retention) {

        long samples() {
            return (long) gpus * samplesPerRing * metrics;
        }
    }

    public static void main(String[] args) {
        int gpus = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 360;
        HistoryBudget budget = args.length > 2 ? HistoryBudget.parse(args[2]) : HistoryBudget.DEFAULT;
        Result result = measure(gpus, Duration.ofMinutes(minutes), budget);
        System.out.printf("%,d GPUs x %d metrics, %d min of frames, budget %s: keeps %s%n",
                result.gpus(), result.metrics(), minutes, budget.describe(), result.retention().describe());
        System.out.printf("%,d GPUs x %d metrics x %d samples (%,d samples)%n",
                result.gpus(), result.metrics(), result.samplesPerRing(), result.samples());
        System.out.printf("arrays (exact element bytes): %,d bytes = %.1f MB (%.3f bytes/sample)%n",
                result.arrayBytes(), result.arrayBytes() / 1e6, (double) result.arrayBytes() / result.samples());
        System.out.printf("heap retained after GC:       %,d bytes = %.1f MB (%.3f bytes/sample)%n",
                result.heapBytes(), result.heapBytes() / 1e6, (double) result.heapBytes() / result.samples());
        System.out.printf("record(frame) of all GPUs:    %.1f ms per frame, slowest %.1f ms%n", result.msPerFrame(),
                result.slowestFrameMs());
    }

    /// [#measure(int, Duration, HistoryBudget)] with a budget the whole retention fits.
    public static Result measure(int gpus, Duration retention) {
        return measure(gpus, retention, new HistoryBudget(Long.MAX_VALUE / 4));
    }

    /// Builds and fills a history of `gpus` GPUs with frames over `retention` within `budget`,
    /// and measures it.
    public static Result measure(int gpus, Duration retention, HistoryBudget budget) {
        long before = heapAfterGc();
        HistoryConfig config = new HistoryConfig(HistoryConfig.DEFAULT_RESOLUTION, retention,
                HistoryConfig.DEFAULT_METRICS, budget);
        FleetHistory history = new FleetHistory(config);
        List<NodeTelemetry> nodes = fleet(gpus);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        long began = System.nanoTime();
        long slowest = 0;
        for (int tick = 0; tick < config.capacity(); tick++) {
            long frameStart = System.nanoTime();
            history.record(new TelemetryFrame("bench", start.plus(config.resolution().multipliedBy(tick)), nodes));
            slowest = Math.max(slowest, System.nanoTime() - frameStart);
        }
        double msPerFrame = (System.nanoTime() - began) / 1e6 / config.capacity();
        nodes = List.of();
        long heap = heapAfterGc() - before;
        if (history.gpuCount() != gpus) {
            throw new IllegalStateException("expected " + gpus + " GPUs, history has " + history.gpuCount());
        }
        return new Result(gpus, history.retention().fineTicks(), config.metrics().size(), history.retainedBytes(), heap,
                msPerFrame, slowest / 1e6, history.retention());
    }

    private static List<NodeTelemetry> fleet(int gpus) {
        MetricValues[] rows = rows();
        List<NodeTelemetry> nodes = new ArrayList<>();
        for (int node = 0; node * GPUS_PER_NODE < gpus; node++) {
            List<GpuSample> samples = new ArrayList<>();
            for (int index = 0; index < GPUS_PER_NODE && node * GPUS_PER_NODE + index < gpus; index++) {
                String uuid = "GPU-%08x-%04x-%04x-%04x-%012x".formatted(node, index, node & 0xffff, index, (long) node * 31 + index);
                samples.add(new GpuSample(index, uuid, "NVIDIA H100 80GB HBM3",
                        rows[(node + index) % DISTINCT_ROWS], List.of(), List.of()));
            }
            nodes.add(new NodeTelemetry("ip-10-%d-%d-%d.ec2.internal".formatted(node >> 16, (node >> 8) & 255, node & 255),
                    samples, null));
        }
        return nodes;
    }

    /// A few realistic rows shared by all GPUs: what is stored does not change the footprint.
    private static MetricValues[] rows() {
        SplittableRandom random = new SplittableRandom(42);
        MetricValues[] rows = new MetricValues[DISTINCT_ROWS];
        for (int i = 0; i < rows.length; i++) {
            double[] row = MetricValues.blankArray();
            row[Metric.GPU_UTIL.ordinal()] = random.nextInt(101);
            row[Metric.MEM_COPY_UTIL.ordinal()] = random.nextInt(101);
            row[Metric.FB_USED.ordinal()] = random.nextInt(81_559);
            row[Metric.POWER_USAGE.ordinal()] = 60 + random.nextDouble() * 640;
            row[Metric.GPU_TEMP.ordinal()] = 30 + random.nextInt(55);
            row[Metric.SM_ACTIVE.ordinal()] = random.nextDouble();
            row[Metric.PIPE_TENSOR_ACTIVE.ordinal()] = random.nextDouble();
            row[Metric.DRAM_ACTIVE.ordinal()] = random.nextDouble();
            rows[i] = MetricValues.wrap(row);
        }
        return rows;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
