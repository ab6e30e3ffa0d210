package dev.gpufleet.views.heatmap;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// Which GPU is selected: stable across snapshots because it names the GPU by cluster, node
/// and index; `uuid` is what was known when it was picked (`null` before telemetry).
public record GpuSelection(String cluster, String node, int index, @Nullable String uuid) {

    public GpuSelection {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(node, "node");
    }

    /// Whether `other` names the same GPU slot, whatever UUID either knew.
    public boolean sameGpu(@Nullable GpuSelection other) {
        return other != null && index == other.index && cluster.equals(other.cluster) && node.equals(other.node);
    }

    @Override
    public String toString() {
        return cluster + "/" + node + "/gpu" + index;
    }
}
