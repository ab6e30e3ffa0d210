package dev.gpufleet.app.cli;

import dev.gpufleet.app.FleetSession;
import dev.gpufleet.connectors.kube.KubeContext;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.connectors.kube.KubeconfigException;
import dev.gpufleet.connectors.cluster.ClusterAccessException;
import dev.gpufleet.connectors.cluster.ClusterConnection;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/// Which kubeconfig and which clusters a command works on.
final class Sessions {

    private Sessions() {
    }

    /// The user's kubeconfig, or none at all when only the demo fleet is wanted.
    static Kubeconfig kubeconfig(ClusterOptions options, boolean demoOnly) {
        if (demoOnly) {
            return Kubeconfig.empty();
        }
        try {
            return Kubeconfig.discover(options.kubeconfig());
        } catch (KubeconfigException e) {
            throw new UserError(e.getMessage());
        }
    }

    /// The contexts named with `--context`, else the current context; the demo fleet alone with
    /// `--demo`. Refuses unknown contexts and an empty kubeconfig with what to do.
    static List<String> clustersToConnect(Kubeconfig kubeconfig, ClusterOptions options, boolean demoOnly,
            String command) {
        if (demoOnly) {
            return List.of(FleetSession.DEMO);
        }
        if (kubeconfig.isEmpty()) {
            throw new UserError(command + ": no kubeconfig found (looked at --kubeconfig, $KUBECONFIG and "
                    + "~/.kube/config). Pass --kubeconfig FILE, or --demo for the built-in simulated fleet.");
        }
        if (!options.contexts().isEmpty()) {
            for (String name : options.contexts()) {
                if (kubeconfig.context(name).isEmpty()) {
                    throw new UserError(command + ": no context named '" + name + "' in "
                            + String.join(", ", kubeconfig.sources()) + ". Known contexts: "
                            + String.join(", ", kubeconfig.contexts().stream().map(KubeContext::name).toList()) + ".");
                }
            }
            return options.contexts();
        }
        String current = kubeconfig.currentContext();
        if (current == null) {
            throw new UserError(command + ": " + String.join(", ", kubeconfig.sources())
                    + " sets no current-context. Name one with --context.");
        }
        return List.of(current);
    }

    /// Connects every named cluster and waits, at most `limit` in all, for each one's first
    /// inventory and telemetry; returns one line per cluster that did not get there.
    static List<String> connectAndWait(FleetSession session, List<String> names, Duration limit, String command)
            throws InterruptedException {
        List<ClusterConnection> connections = new ArrayList<>();
        for (String name : names) {
            try {
                connections.add(session.connect(name));
            } catch (KubeconfigException | UncheckedIOException e) {
                throw new UserError(command + ": " + e.getMessage());
            }
        }
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> failures = new ArrayList<>();
        for (ClusterConnection connection : connections) {
            try {
                connection.ready().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                String why = e.getCause() instanceof ClusterAccessException access ? access.getMessage() : e.getCause().toString();
                failures.add(command + ": " + connection.cluster() + ": " + why);
            } catch (TimeoutException e) {
                failures.add(command + ": " + connection.cluster() + ": no complete inventory and telemetry within "
                        + limit.toSeconds() + " s (state " + connection.status().state()
                        + "). Raise --timeout, or check the cluster and its GPU exporter pods (dcgm-exporter, AMD metrics exporter).");
            }
        }
        return failures;
    }
}
