package dev.gpufleet.core.store;

import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRecord;
import java.util.List;

/// A change to a cluster's inventory, as a connector's watch reports it.
public sealed interface InventoryEvent {

    record NodeUpserted(NodeRecord node) implements InventoryEvent {
    }

    record NodeDeleted(String name) implements InventoryEvent {
    }

    record PodUpserted(PodRecord pod) implements InventoryEvent {
    }

    record PodDeleted(String namespace, String name) implements InventoryEvent {
    }

    /// A complete list (after the first sync or a relist): replaces everything known before.
    record Resynced(List<NodeRecord> nodes, List<PodRecord> pods) implements InventoryEvent {

        public Resynced {
            nodes = List.copyOf(nodes);
            pods = List.copyOf(pods);
        }
    }
}
