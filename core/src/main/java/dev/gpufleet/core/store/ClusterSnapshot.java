package dev.gpufleet.core.store;

import java.util.List;
import java.util.Optional;

/// One cluster's connection state and nodes (ordered by name).
public record ClusterSnapshot(String name, ConnectionStatus connection, List<NodeSnapshot> nodes) {

    public ClusterSnapshot {
        nodes = List.copyOf(nodes);
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
