package dev.gpufleet.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/// An immutable picture of the whole fleet. `version` grows with every published change, so
/// a reader redraws only when it differs from the one it drew.
public record FleetSnapshot(long version, Instant time, List<ClusterSnapshot> clusters) {

    public FleetSnapshot {
        clusters = List.copyOf(clusters);
    }

    public static FleetSnapshot empty(Instant time) {
        return new FleetSnapshot(0, time, List.of());
    }

    public int gpuCount() {
        int count = 0;
        for (ClusterSnapshot cluster : clusters) {
            count += cluster.gpuCount();
        }
        return count;
    }

    public Optional<ClusterSnapshot> cluster(String name) {
        return clusters.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
