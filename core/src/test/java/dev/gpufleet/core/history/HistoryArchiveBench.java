package dev.gpufleet.core.history;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/// Measures the archive on the budget case: `gpus` GPUs (default 10k) × the 8 default metrics
/// × `minutes` (default 60) at 10 s, in a temporary directory. Prints the bytes on disk per
/// GPU-hour, the pause on the writer thread (copying the cells), the background write (with
/// fsync) and the load. Not a unit test: no timed assertions.
///
/// Run: `java -Xmx4g -cp core/target/classes:core/target/test-classes:<deps> \
///   dev.gpufleet.core.history.HistoryArchiveBench [gpus] [minutes]`.
public final class HistoryArchiveBench {

    private HistoryArchiveBench() {
    }

    public static void main(String[] args) throws IOException {
        int gpus = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        HistoryConfig config = HistoryConfig.defaults();
        FleetHistory history = new FleetHistory(config);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        int ticks = minutes * 6;
        SplittableRandom random = new SplittableRandom(7);
        List<NodeTelemetry> nodes = fleet(gpus, random);
        for (int tick = 0; tick < ticks; tick++) {
            history.record(new TelemetryFrame("bench", start.plusSeconds(10L * tick), nodes));
            if (tick % 30 == 0) {
                nodes = fleet(gpus, random);
            }
        }
        Path root = Files.createTempDirectory("gpufleet-archive-bench");
        try (HistoryArchive archive = new HistoryArchive(root)) {
            for (int run = 0; run < 3; run++) {
                long began = System.nanoTime();
                var written = archive.flush("bench", history);
                long copied = System.nanoTime();
                written.join();
                long done = System.nanoTime();
                System.out.printf("flush %d: writer-thread copy %.0f ms, background write+fsync %.0f ms%n",
                        run, (copied - began) / 1e6, (done - copied) / 1e6);
            }
            long bytes = sizeOf(archive.directoryOf("bench"));
            double gpuHours = gpus * minutes / 60.0;
            System.out.printf("%,d GPUs x %d min: %,d bytes on disk = %.0f bytes per GPU-hour (%.2f bytes/sample)%n",
                    gpus, minutes, bytes, bytes / gpuHours, bytes / (gpuHours * 360 * config.metrics().size()));
            long began = System.nanoTime();
            ArchiveLoad loaded = archive.load("bench", new FleetHistory(config), start.plusSeconds(10L * ticks));
            System.out.printf("load: %d segment(s), %,d GPUs in %.0f ms, problems %s%n", loaded.segments(),
                    loaded.gpus(), (System.nanoTime() - began) / 1e6, loaded.problems());
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static long sizeOf(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.mapToLong(path -> path.toFile().length()).sum();
        }
    }

    private static List<NodeTelemetry> fleet(int gpus, SplittableRandom random) {
        List<NodeTelemetry> nodes = new ArrayList<>();
        for (int node = 0; node * 8 < gpus; node++) {
            List<GpuSample> samples = new ArrayList<>();
            for (int index = 0; index < 8 && node * 8 + index < gpus; index++) {
                samples.add(new GpuSample(index, "GPU-%08x-%04x".formatted(node, index), "NVIDIA H100 80GB HBM3",
                        row(random), List.of(), List.of()));
            }
            nodes.add(new NodeTelemetry("ip-10-0-%d-%d.ec2.internal".formatted(node >> 8, node & 255), samples, null));
        }
        return nodes;
    }

    private static MetricValues row(SplittableRandom random) {
        double[] row = MetricValues.blankArray();
        row[Metric.GPU_UTIL.ordinal()] = random.nextInt(101);
        row[Metric.MEM_COPY_UTIL.ordinal()] = random.nextInt(101);
        row[Metric.FB_USED.ordinal()] = random.nextInt(81_559);
        row[Metric.POWER_USAGE.ordinal()] = 60 + random.nextDouble() * 640;
        row[Metric.GPU_TEMP.ordinal()] = 30 + random.nextInt(55);
        row[Metric.SM_ACTIVE.ordinal()] = random.nextDouble();
        row[Metric.PIPE_TENSOR_ACTIVE.ordinal()] = random.nextDouble();
        row[Metric.DRAM_ACTIVE.ordinal()] = random.nextDouble();
        return MetricValues.wrap(row);
    }
}
