package dev.gpufleet.app.cli;

import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.core.json.FleetSnapshotJson;
import dev.gpufleet.core.store.FleetSnapshot;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/// `gpufleet snapshot`: connect, wait for one complete inventory and one telemetry frame per
/// cluster, print the fleet, exit.
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Connect, wait for one inventory and one telemetry round per cluster, print the fleet and exit.")
public final class SnapshotCommand implements Callable<Integer> {

    enum Format { json, table }

    /// A GPU's reading older than this many scrape intervals is written as `stale`, as the
    /// console draws it.
    static final int STALE_INTERVALS = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    FleetTarget target;

    @Option(names = "--format", defaultValue = "table", description = "json or table (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    PrometheusFlags prometheus;

    @Override
    public Integer call() throws InterruptedException {
        ConnectionOptions options = prometheus.connectionOptions("snapshot");
        try (FleetTarget.Connected connected = target.connect("snapshot", options)) {
            FleetSnapshot snapshot = connected.session().store().sync().get(10, TimeUnit.SECONDS);
            print(snapshot, options.scrapeInterval().multipliedBy(STALE_INTERVALS));
            connected.failures().forEach(spec.commandLine().getErr()::println);
            spec.commandLine().getErr().flush();
            return connected.failures().isEmpty() ? 0 : 1;
        } catch (ExecutionException | TimeoutException e) {
            throw new UserError("snapshot: the fleet store did not answer: " + e.getMessage(), 1);
        }
    }

    private void print(FleetSnapshot snapshot, Duration staleAfter) {
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            FleetSnapshotJson.write(snapshot, staleAfter, out);
            out.println();
        } else {
            SnapshotTable.print(snapshot, out);
        }
        out.flush();
    }
}
