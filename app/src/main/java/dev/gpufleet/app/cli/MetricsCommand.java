package dev.gpufleet.app.cli;

import dev.gpufleet.connectors.amd.AmdParseReport;
import dev.gpufleet.connectors.dcgm.DcgmInterpreter;
import dev.gpufleet.connectors.dcgm.DcgmReading;
import dev.gpufleet.connectors.dcgm.MetricsParseReport;
import dev.gpufleet.connectors.exposition.Exposition;
import dev.gpufleet.connectors.exposition.ExpositionParser;
import dev.gpufleet.connectors.exposition.ParseBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/// `gpufleet metrics parse FILE`: what one dcgm-exporter or AMD device-metrics-exporter scrape
/// says.
@Command(name = "metrics", description = "Work with GPU exporter metrics text (dcgm-exporter, AMD device-metrics-exporter).",
        mixinStandardHelpOptions = true, subcommands = MetricsCommand.Parse.class)
public final class MetricsCommand {

    /// Reads one exposition text and prints its GPUs, MIG instances, pods and unreadable lines.
    @Command(name = "parse", mixinStandardHelpOptions = true,
            description = {"Parse one /metrics text and print what it says.",
                "The exporter is detected: NVIDIA dcgm-exporter or AMD ROCm device-metrics-exporter"
                        + " (an AMD card's compute partitions show as its mig entries)."})
    static final class Parse implements Callable<Integer> {

        enum Format { json, summary }

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "A saved /metrics scrape (Prometheus text format); - reads standard input.")
        Path file;

        @Option(names = "--format", defaultValue = "summary",
                description = "json or summary (default: ${DEFAULT-VALUE}).")
        Format format;

        @Option(names = "--bench",
                description = "Instead of printing the text, parse it over and over and print MiB/s, samples/s and bytes allocated per sample.")
        boolean bench;

        @Option(names = "--bench-seconds", defaultValue = "5", paramLabel = "S",
                description = "With --bench: seconds to measure, after a warm-up of up to 2 s (default: ${DEFAULT-VALUE}).")
        int benchSeconds;

        @Override
        public Integer call() {
            byte[] text = read();
            PrintWriter out = spec.commandLine().getOut();
            if (bench) {
                printBenchmark(out, text);
                return 0;
            }
            Exposition exposition = ExpositionParser.parseText(text);
            DcgmReading dcgm = DcgmInterpreter.interpret(exposition);
            AmdParseReport amd = AmdParseReport.ofAmdText(exposition, dcgm);
            if (amd != null) {
                out.println(format == Format.json ? amd.toJson() : amd.toSummary());
            } else {
                MetricsParseReport report = MetricsParseReport.of(dcgm);
                out.println(format == Format.json ? report.toJson() : report.toSummary());
            }
            out.flush();
            return 0;
        }

        private void printBenchmark(PrintWriter out, byte[] text) {
            if (benchSeconds < 1) {
                throw new UserError("metrics parse: --bench-seconds must be at least 1 (got " + benchSeconds + ").");
            }
            Duration measure = Duration.ofSeconds(benchSeconds);
            Duration warmup = measure.compareTo(Duration.ofSeconds(2)) < 0 ? measure : Duration.ofSeconds(2);
            ParseBenchmark.Result result = ParseBenchmark.run(text, warmup, measure);
            out.printf(Locale.ROOT, "%s: %d bytes, %d samples a pass; %d passes in %.1f s after %d s of warm-up%n",
                    file, result.bytes(), result.samplesPerPass(), result.passes(), result.seconds(), warmup.toSeconds());
            out.printf(Locale.ROOT, "%.1f MiB/s%n", result.mebibytesPerSecond());
            out.printf(Locale.ROOT, "%.0f samples/s%n", result.samplesPerSecond());
            double perSample = result.allocatedBytesPerSample();
            out.println(perSample < 0 ? "allocated bytes/sample: not measured (this JVM does not count allocation)"
                    : String.format(Locale.ROOT, "%.1f allocated bytes/sample", perSample));
            out.flush();
        }

        private byte[] read() {
            try {
                return "-".equals(file.toString()) ? System.in.readAllBytes() : Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new UserError("metrics parse: " + file + ": no such file. Check the path, or pass - to read standard input.");
            } catch (IOException e) {
                throw new UserError("metrics parse: cannot read " + file + ": " + e.getMessage());
            }
        }
    }
}
