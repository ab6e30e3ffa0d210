package dev.gpufleet.app.cli;

import dev.gpufleet.app.FleetSession;
import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.core.store.FleetStore;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/// The options of commands that connect, wait for the first data and act on it once
/// (`snapshot`, `screenshot`): which clusters, or the demo fleet, and how long to wait.
final class FleetTarget {

    /// A session with its clusters connected, the names asked for, and one line per cluster
    /// that did not deliver its first data in time.
    record Connected(FleetSession session, List<String> clusters, List<String> failures) implements AutoCloseable {
        @Override
        public void close() {
            session.close();
        }
    }

    @Mixin
    ClusterOptions clusters;

    @Option(names = "--demo", description = "Use the built-in simulated fleet instead of kubeconfig contexts.")
    boolean demo;

    @Option(names = "--timeout", defaultValue = "60s", paramLabel = "D",
            description = "How long to wait for every cluster's first data, e.g. 30s or 2m (default: ${DEFAULT-VALUE}).")
    String timeout;

    Duration timeout() {
        return Durations.parse(timeout, "--timeout");
    }

    /// Connects the chosen clusters and waits for their first inventory and telemetry.
    Connected connect(String command) throws InterruptedException {
        return connect(command, ConnectionOptions.defaults());
    }

    /// As [#connect(String)], with connection options of the command's own (e.g. telemetry
    /// read from Prometheus).
    Connected connect(String command, ConnectionOptions options) throws InterruptedException {
        return connect(command, options, new FleetStore());
    }

    /// As [#connect(String, ConnectionOptions)], into `store` (e.g. one keeping little history).
    Connected connect(String command, ConnectionOptions options, FleetStore store) throws InterruptedException {
        Duration limit = timeout();
        FleetSession session = new FleetSession(store, Sessions.kubeconfig(clusters, demo),
                FleetSession.demoConfig(), options);
        try {
            List<String> names = Sessions.clustersToConnect(session.kubeconfig(), clusters, demo, command);
            return new Connected(session, names, Sessions.connectAndWait(session, names, limit, command));
        } catch (RuntimeException | InterruptedException e) {
            session.close();
            throw e;
        }
    }
}
