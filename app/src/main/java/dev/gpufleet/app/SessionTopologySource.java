package dev.gpufleet.app;

import dev.gpufleet.connectors.cluster.ClusterConnection;
import dev.gpufleet.connectors.topology.ProbeOptions;
import dev.gpufleet.core.topology.GpuTopology;
import dev.gpufleet.core.topology.TopologyProbeException;
import dev.gpufleet.core.topology.TopologySource;
import java.util.Objects;
import java.util.Optional;

/// Probes node topologies through the session's connection to each cluster: the adapter that
/// keeps fabric8 and the connectors out of the views.
final class SessionTopologySource implements TopologySource {

    private final FleetSession session;
    private final ProbeOptions options;

    SessionTopologySource(FleetSession session, ProbeOptions options) {
        this.session = Objects.requireNonNull(session, "session");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public GpuTopology probe(String cluster, String node) throws TopologyProbeException {
        for (ClusterConnection connection : session.connections()) {
            if (connection.cluster().equals(cluster)) {
                return connection.topologyProbe(options).probe(node);
            }
        }
        throw new TopologyProbeException("The cluster \"" + cluster + "\" is not connected; connect it to probe "
                + node + ".");
    }

    @Override
    public Optional<GpuTopology> probed(String cluster, String node) {
        return session.connections().stream().filter(c -> c.cluster().equals(cluster)).findFirst()
                .flatMap(c -> c.topologyProbe(options).cached(node));
    }
}
