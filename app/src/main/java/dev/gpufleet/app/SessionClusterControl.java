package dev.gpufleet.app;

import dev.gpufleet.connectors.kube.KubeconfigException;
import dev.gpufleet.core.exec.TaskExecutor;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.views.clusters.ClusterControl;
import dev.gpufleet.views.clusters.ClusterEntry;
import java.time.Clock;

/// Connects and disconnects clusters for the cluster list, off the FX thread. A context the
/// kubeconfig cannot make a client for shows up as unreachable with the kubeconfig's message.
final class SessionClusterControl implements ClusterControl {

    private final FleetSession session;
    private final TaskExecutor background;
    private final Clock clock;

    SessionClusterControl(FleetSession session, TaskExecutor background, Clock clock) {
        this.session = session;
        this.background = background;
        this.clock = clock;
    }

    @Override
    public void connect(ClusterEntry entry) {
        background.execute(() -> {
            try {
                session.connect(entry.name());
            } catch (KubeconfigException | RuntimeException e) {
                session.store().connection(entry.name(),
                        new ConnectionStatus(ConnectionState.UNREACHABLE, e.getMessage(), clock.instant()));
            }
        });
    }

    @Override
    public void disconnect(ClusterEntry entry) {
        background.execute(() -> session.disconnect(entry.name()));
    }
}
