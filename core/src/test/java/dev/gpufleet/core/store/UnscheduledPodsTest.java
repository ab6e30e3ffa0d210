package dev.gpufleet.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/// Pods no node holds are published with their cluster, and leave it once bound or deleted.
class UnscheduledPodsTest {

    private final FleetStore store = new FleetStore();

    @AfterEach
    void close() {
        store.close();
    }

    private ClusterSnapshot cluster() throws Exception {
        return store.sync().get(5, TimeUnit.SECONDS).cluster("c1").orElseThrow();
    }

    @Test
    void pendingPodsAppearUntilBoundOrDeleted() throws Exception {
        NodeRecord node = new NodeRecord("n1", Map.of(), false, true, List.of(), Map.of("nvidia.com/gpu", 8L), null,
                Instant.EPOCH);
        PodRecord waiting = new PodRecord("ml", "big", null, "Pending", new OwnerRef("Job", "big"),
                Map.of("nvidia.com/gpu", 8L));
        PodRecord other = new PodRecord("ml", "also", null, "Pending", null, Map.of("nvidia.com/gpu", 1L));
        store.inventory("c1", new InventoryEvent.Resynced(List.of(node), List.of(waiting, other)));
        assertThat(cluster().unscheduled()).containsExactly(other, waiting);

        PodRecord bound = new PodRecord("ml", "big", "n1", "Running", waiting.owner(), waiting.gpuRequests());
        store.inventory("c1", new InventoryEvent.PodUpserted(bound));
        ClusterSnapshot afterBinding = cluster();
        assertThat(afterBinding.unscheduled()).containsExactly(other);
        assertThat(afterBinding.node("n1").orElseThrow().pods()).containsExactly(bound);

        store.inventory("c1", new InventoryEvent.PodDeleted("ml", "also"));
        assertThat(cluster().unscheduled()).isEmpty();
    }
}
