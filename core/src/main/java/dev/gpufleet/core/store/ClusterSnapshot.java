package dev.gpufleet.core.store;

import dev.gpufleet.core.model.PodRecord;
import java.util.List;
import java.util.Optional;

/// One cluster's connection state, nodes (ordered by name) and the pods no node holds yet
/// (`unscheduled`: Pending pods without a `nodeName`, ordered by `namespace/name`), which is
/// the demand the scheduler cannot place.
public record ClusterSnapshot(String name, ConnectionStatus connection, List<NodeSnapshot> nodes,
        List<PodRecord> unscheduled) {

    public ClusterSnapshot {
        nodes = List.copyOf(nodes);
        unscheduled = List.copyOf(unscheduled);
    }

    /// A cluster with no unscheduled pods.
    public ClusterSnapshot(String name, ConnectionStatus connection, List<NodeSnapshot> nodes) {
        this(name, connection, nodes, List.of());
    }

    public int gpuCount() {
        int count = 0;
        for (NodeSnapshot node : nodes) {
            count += node.gpus().size();
        }
        return count;
    }

    public Optional<NodeSnapshot> node(String nodeName) {
        return nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst();
    }
}
