package dev.gpufleet.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// What gpufleet keeps of a Kubernetes Node: a compact projection made at the connector's edge.
///
/// `gpuResources` maps each extended GPU resource (`nvidia.com/gpu`, `nvidia.com/mig-1g.10gb`,
/// `amd.com/gpu`) to its allocatable count.
public record NodeRecord(
        String name,
        Map<String, String> labels,
        boolean unschedulable,
        boolean ready,
        List<Taint> taints,
        Map<String, Long> gpuResources,
        @Nullable String kubeletVersion,
        @Nullable Instant created) {

    /// GPU Feature Discovery's label for the product name (dashes instead of spaces).
    public static final String LABEL_GPU_PRODUCT = "nvidia.com/gpu.product";
    /// GPU Feature Discovery's label for the number of physical GPUs.
    public static final String LABEL_GPU_COUNT = "nvidia.com/gpu.count";

    public NodeRecord {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        taints = List.copyOf(taints);
        gpuResources = Map.copyOf(gpuResources);
    }

    /// Number of physical GPUs the node reports, from GFD's count label, else from the
    /// `nvidia.com/gpu` resource; 0 for a node without GPUs.
    public int physicalGpuCount() {
        String count = labels.get(LABEL_GPU_COUNT);
        if (count != null) {
            try {
                return Integer.parseInt(count.trim());
            } catch (NumberFormatException ignored) {
                // a malformed label falls back to the resource count below
            }
        }
        Long gpus = gpuResources.get("nvidia.com/gpu");
        if (gpus == null) {
            gpus = gpuResources.get("amd.com/gpu");
        }
        return gpus == null ? 0 : (int) Math.min(gpus, 1024);
    }

    /// The GPU product as GFD labels it, with its dashes turned back into spaces.
    public @Nullable String gpuProduct() {
        String product = labels.get(LABEL_GPU_PRODUCT);
        return product == null ? null : product.replace('-', ' ');
    }
}
