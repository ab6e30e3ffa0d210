package dev.gpufleet.app.cli;

import dev.gpufleet.connectors.dcgm.MetricsParseReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/// `gpufleet metrics parse FILE`: what one dcgm-exporter scrape says.
@Command(name = "metrics", description = "Work with dcgm-exporter metrics text.",
        mixinStandardHelpOptions = true, subcommands = MetricsCommand.Parse.class)
public final class MetricsCommand {

    /// Reads one exposition text and prints its GPUs, MIG instances, pods and unreadable lines.
    @Command(name = "parse", mixinStandardHelpOptions = true,
            description = "Parse one dcgm-exporter /metrics text and print what it says.")
    static final class Parse implements Callable<Integer> {

        enum Format { json, summary }

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "A saved /metrics scrape (Prometheus text format); - reads standard input.")
        Path file;

        @Option(names = "--format", defaultValue = "summary",
                description = "json or summary (default: ${DEFAULT-VALUE}).")
        Format format;

        @Override
        public Integer call() {
            MetricsParseReport report = MetricsParseReport.of(read());
            PrintWriter out = spec.commandLine().getOut();
            out.println(format == Format.json ? report.toJson() : report.toSummary());
            out.flush();
            return 0;
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
