package dev.gpufleet.app.cli;

import dev.gpufleet.app.TriageSettings;
import dev.gpufleet.connectors.cluster.ClusterAccessException;
import dev.gpufleet.connectors.cluster.ClusterConnection;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.triage.NodeEvent;
import dev.gpufleet.core.triage.Triage;
import dev.gpufleet.core.triage.TriageJson;
import dev.gpufleet.core.triage.TriageMarkdown;
import dev.gpufleet.core.triage.TriageReport;
import dev.gpufleet.core.triage.TriageThresholds;
import dev.gpufleet.core.triage.XidHistory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/// `gpufleet triage NODE [--gpu ID]`: connect, wait for the first data, judge the node (or one
/// GPU) and print the verdict, the evidence and the recommended action.
@Command(name = "triage", mixinStandardHelpOptions = true,
        description = {"Connect, judge a node or one of its GPUs, print the verdict, evidence and recommended action.",
            "XIDs are decoded from NVIDIA's catalog; thresholds come from triage-thresholds.json in the settings"
                    + " directory, or --thresholds."})
public final class TriageCommand implements Callable<Integer> {

    enum Format { markdown, json }

    @Spec
    CommandSpec spec;

    @Mixin
    FleetTarget target;

    @Mixin
    PrometheusFlags prometheus;

    @Parameters(index = "0", paramLabel = "NODE", description = "The node to triage.")
    String node;

    @Option(names = "--gpu", paramLabel = "ID", description = "Only this GPU: its index (0, 1, …) or UUID.")
    String gpu;

    @Option(names = "--format", defaultValue = "markdown", description = "markdown or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--thresholds", paramLabel = "FILE",
            description = "Thresholds as JSON (default: triage-thresholds.json in gpufleet's settings directory).")
    Path thresholdsFile;

    @Override
    public Integer call() throws InterruptedException {
        TriageThresholds thresholds = thresholds();
        try (FleetTarget.Connected connected = target.connect("triage", prometheus.connectionOptions("triage"))) {
            FleetStore store = connected.session().store();
            FleetSnapshot fleet = store.sync().get(10, TimeUnit.SECONDS);
            connected.failures().forEach(spec.commandLine().getErr()::println);
            Found found = find(fleet);
            Optional<Integer> gpuIndex = gpu == null ? Optional.empty() : Optional.of(gpuIndex(found.node()));
            XidHistory xids = store.xidHistory(found.cluster(), node).get(10, TimeUnit.SECONDS);
            List<NodeEvent> events = events(connected, found.cluster());
            TriageReport report = Triage.of(found.node(), gpuIndex, xids, events, thresholds, Instant.now());
            PrintWriter out = spec.commandLine().getOut();
            out.print(format == Format.json ? TriageJson.write(report) + "\n" : TriageMarkdown.write(report));
            out.flush();
            spec.commandLine().getErr().flush();
            return 0;
        } catch (ExecutionException | TimeoutException e) {
            throw new UserError("triage: the fleet store did not answer: " + e.getMessage(), 1);
        }
    }

    private record Found(String cluster, NodeSnapshot node) {
    }

    private TriageThresholds thresholds() {
        Path file = thresholdsFile != null ? thresholdsFile : TriageSettings.defaultFile();
        try {
            return TriageSettings.load(file);
        } catch (IOException e) {
            throw new UserError("triage: cannot read the thresholds in " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UserError("triage: " + e.getMessage() + " (fix or delete the file to use the defaults)");
        }
    }

    private Found find(FleetSnapshot fleet) {
        for (ClusterSnapshot cluster : fleet.clusters()) {
            Optional<NodeSnapshot> found = cluster.node(node);
            if (found.isPresent()) {
                return new Found(cluster.name(), found.get());
            }
        }
        List<String> names = fleet.clusters().stream().flatMap(c -> c.nodes().stream()).map(NodeSnapshot::name).toList();
        if (names.isEmpty()) {
            throw new UserError("triage: no node named '" + node + "': the cluster reported no nodes at all");
        }
        throw new UserError("triage: no node named '" + node + "' among " + names.size() + " nodes; nearest: "
                + String.join(", ", NearestNames.of(node, names, 3)));
    }

    private int gpuIndex(NodeSnapshot found) {
        for (GpuSnapshot candidate : found.gpus()) {
            if (gpu.equals(candidate.uuid()) || gpu.equals(String.valueOf(candidate.index()))) {
                return candidate.index();
            }
        }
        String known = found.gpus().isEmpty() ? "it reports no GPUs"
                : "its GPUs are " + found.gpus().getFirst().index() + " to " + found.gpus().getLast().index();
        throw new UserError("triage: node " + node + " has no GPU '" + gpu + "'; " + known
                + " (an index or a UUID from `gpufleet snapshot`)");
    }

    private List<NodeEvent> events(FleetTarget.Connected connected, String cluster) {
        for (ClusterConnection connection : connected.session().connections()) {
            if (connection.cluster().equals(cluster)) {
                try {
                    return connection.nodeEvents().of(node);
                } catch (ClusterAccessException e) {
                    spec.commandLine().getErr().println("gpufleet: triage goes on without the node's events: "
                            + e.getMessage());
                }
            }
        }
        return List.of();
    }
}
