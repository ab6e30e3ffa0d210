package dev.gpufleet.connectors.exposition;

import dev.gpufleet.connectors.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/// Single-threaded parse throughput on large dcgm-exporter texts.
///
/// `input`: `fleet` — 64 nodes × 8 H100s × 41 families with pod labels, scraped again and
/// again to 64 MiB (a reused parser's steady state); `fixtures` — the real captures in
/// `shared/fixtures/dcgm` concatenated to about 40 MiB (help blocks, MIG, stray lines);
/// `distinct` — 1000 nodes × 8 GPUs, 328k different series, more than the series cache keeps.
/// The `mebibytes` and `samples` counters are per second; `-prof gc`'s `gc.alloc.rate.norm`
/// is bytes per parse; divided by `samples` ÷ ops/s (samples per parse) it gives bytes per
/// sample (BENCHMARKS.md).
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ExpositionParserBenchmark {

    private static final int MIB = 1024 * 1024;

    @Param({"fleet", "fixtures", "distinct"})
    public String input;

    private byte[] text = new byte[0];
    private final ExpositionParser parser = new ExpositionParser();

    /// Throughput counters JMH reports beside ops/s.
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Read {
        public double mebibytes;
        public long samples;

        @Setup(Level.Iteration)
        public void reset() {
            mebibytes = 0;
            samples = 0;
        }
    }

    @Setup(Level.Trial)
    public void load() throws IOException {
        text = switch (input) {
            case "fleet" -> SyntheticScrape.fleet(64, 8, 64 * MIB, 42);
            case "distinct" -> SyntheticScrape.fleet(1000, 8, 80 * MIB, 42);
            case "fixtures" -> repeatedFixtures(40 * MIB);
            default -> throw new IllegalArgumentException("unknown input " + input);
        };
    }

    @Benchmark
    public Exposition parse(Read read) {
        Exposition result = parser.parse(text);
        read.mebibytes += text.length / (double) MIB;
        read.samples += result.samples().size() + result.duplicateSeries();
        return result;
    }

    private static byte[] repeatedFixtures(int minBytes) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream(minBytes + MIB);
        while (all.size() < minBytes) {
            for (Path fixture : Fixtures.allDcgm()) {
                all.writeBytes(Files.readAllBytes(fixture));
            }
        }
        return all.toByteArray();
    }
}
