package dev.gpufleet.views.heatmap;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// How the heatmap arranges the fleet: cluster → group (the value of one node label, e.g. the
/// node pool) → node → GPU, nodes ordered by `sort` inside their group, only what `filter`
/// lets through.
///
/// @param groupLabel the node label whose value groups nodes within a cluster; `null` groups
///                   by cluster only. Nodes without the label form a last group of their own.
/// @param sort the order of nodes within a group
/// @param filter which nodes and GPUs are shown
public record HeatmapArrangement(@Nullable String groupLabel, HeatmapSort sort, HeatmapFilter filter) {

    /// By cluster, by name, everything.
    public static final HeatmapArrangement DEFAULT = new HeatmapArrangement(null, HeatmapSort.NAME, HeatmapFilter.ALL);

    /// The gpufleet pool label, then the pool labels of EKS, GKE, AKS and Karpenter, then the
    /// instance type, GPU product, zone and rack labels: what people group a fleet by.
    public static final List<String> COMMON_LABELS = List.of(
            "gpufleet.dev/pool",
            "eks.amazonaws.com/nodegroup",
            "cloud.google.com/gke-nodepool",
            "kubernetes.azure.com/agentpool",
            "karpenter.sh/nodepool",
            "node.kubernetes.io/instance-type",
            "nvidia.com/gpu.product",
            "topology.kubernetes.io/zone",
            "topology.kubernetes.io/rack");

    public HeatmapArrangement {
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(filter, "filter");
        if (groupLabel != null && groupLabel.isBlank()) {
            groupLabel = null;
        }
    }

    public HeatmapArrangement withGroupLabel(@Nullable String label) {
        return new HeatmapArrangement(label, sort, filter);
    }

    public HeatmapArrangement withSort(HeatmapSort value) {
        return new HeatmapArrangement(groupLabel, value, filter);
    }

    public HeatmapArrangement withFilter(HeatmapFilter value) {
        return new HeatmapArrangement(groupLabel, sort, value);
    }
}
