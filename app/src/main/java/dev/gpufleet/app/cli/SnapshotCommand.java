package dev.gpufleet.app.cli;

import dev.gpufleet.core.json.FleetSnapshotJson;
import dev.gpufleet.core.store.FleetSnapshot;
import java.io.PrintWriter;
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
        try (FleetTarget.Connected connected = target.connect("snapshot", prometheus.connectionOptions("snapshot"))) {
            FleetSnapshot snapshot = connected.session().store().sync().get(10, TimeUnit.SECONDS);
            print(snapshot);
            connected.failures().forEach(spec.commandLine().getErr()::println);
            spec.commandLine().getErr().flush();
            return connected.failures().isEmpty() ? 0 : 1;
        } catch (ExecutionException | TimeoutException e) {
            throw new UserError("snapshot: the fleet store did not answer: " + e.getMessage(), 1);
        }
    }

    private void print(FleetSnapshot snapshot) {
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            FleetSnapshotJson.write(snapshot, out);
            out.println();
        } else {
            SnapshotTable.print(snapshot, out);
        }
        out.flush();
    }
}
