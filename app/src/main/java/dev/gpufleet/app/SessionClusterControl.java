package dev.gpufleet.app;

import dev.gpufleet.connectors.kube.KubeconfigException;
import dev.gpufleet.core.exec.TaskExecutor;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.views.clusters.ClusterControl;
import dev.gpufleet.views.clusters.ClusterEntry;
import dev.gpufleet.views.clusters.TelemetryChoice;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Connects and disconnects clusters for the cluster list, off the FX thread. A context the
/// kubeconfig cannot make a client for shows up as unreachable with the kubeconfig's message.
///
/// Each kubeconfig context's telemetry source comes from the [ContextSettings]; changing it
/// saves the settings and reconnects a connected context with the new source. Its read-only
/// switch and production mark are saved there too.
final class SessionClusterControl implements ClusterControl {

    private static final Logger LOG = LoggerFactory.getLogger(SessionClusterControl.class);

    private final FleetSession session;
    private final TaskExecutor background;
    private final Clock clock;
    private final ContextSettings settings;

    SessionClusterControl(FleetSession session, TaskExecutor background, Clock clock, ContextSettings settings) {
        this.session = session;
        this.background = background;
        this.clock = clock;
        this.settings = settings;
        TelemetryRouting routing = new TelemetryRouting(settings);
        session.adjustOptionsPerCluster(routing::optionsFor);
    }

    @Override
    public void connect(ClusterEntry entry) {
        background.execute(() -> connectNow(entry));
    }

    @Override
    public void disconnect(ClusterEntry entry) {
        background.execute(() -> session.disconnect(entry.name()));
    }

    @Override
    public Optional<TelemetryChoice> telemetry(ClusterEntry entry) {
        return FleetSession.DEMO.equals(entry.name()) || LocalMachineFeed.NAME.equals(entry.name()) ? Optional.empty()
                : Optional.of(settings.telemetry(entry.name()));
    }

    @Override
    public Optional<String> chooseTelemetry(ClusterEntry entry, TelemetryChoice choice, boolean connected) {
        if (FleetSession.DEMO.equals(entry.name()) || LocalMachineFeed.NAME.equals(entry.name())) {
            return ClusterControl.super.chooseTelemetry(entry, choice, connected);
        }
        if (choice.isPrometheus()) {
            try {
                TelemetryRouting.prometheus(choice);
            } catch (IllegalArgumentException invalid) {
                return Optional.of(invalid.getMessage());
            }
        }
        Optional<String> problem = settings.saveTelemetry(entry.name(), choice);
        LOG.info("Telemetry of {} is now {}", entry.name(), choice.describe());
        if (connected) {
            background.execute(() -> {
                session.disconnect(entry.name());
                connectNow(entry);
            });
        }
        return problem;
    }

    @Override
    public boolean readOnly(ClusterEntry entry) {
        return settings.isReadOnly(entry.name());
    }

    @Override
    public Optional<String> chooseReadOnly(ClusterEntry entry, boolean readOnly) {
        LOG.info("{} is now {}", entry.name(), readOnly ? "read-only" : "open to changes");
        return settings.saveReadOnly(entry.name(), readOnly);
    }

    @Override
    public boolean production(ClusterEntry entry) {
        return settings.isProduction(entry.name());
    }

    @Override
    public Optional<String> chooseProduction(ClusterEntry entry, boolean production) {
        LOG.info("{} is now {}", entry.name(), production ? "marked production" : "not production");
        return settings.saveProduction(entry.name(), production);
    }

    private void connectNow(ClusterEntry entry) {
        try {
            if (!session.connectLocalMachine(entry.name())) {
                session.connect(entry.name());
            }
        } catch (KubeconfigException | RuntimeException e) {
            session.store().connection(entry.name(), problemStatus(e, clock.instant()));
        }
    }

    /// The status of a context that could not even be connected: UNAUTHORIZED when its
    /// credentials cannot be had (an exec plugin that is not installed), else UNREACHABLE, with
    /// the kubeconfig's message.
    static ConnectionStatus problemStatus(Exception failure, Instant at) {
        boolean credentials = failure instanceof KubeconfigException problem && problem.isCredentialProblem();
        return new ConnectionStatus(credentials ? ConnectionState.UNAUTHORIZED : ConnectionState.UNREACHABLE,
                failure.getMessage(), at);
    }
}
