package dev.gpufleet.core.capacity;

import java.util.List;
import java.util.Map;

/// Which node pool a node belongs to: the value of the first pool label it carries — the
/// gpufleet label, then the labels of EKS, GKE, AKS and Karpenter, then plain `agentpool`,
/// `node-pool` and `pool` — the same labels the heatmap offers to group by.
public final class PoolLabels {

    /// The pool labels in the order they are looked at.
    public static final List<String> LABELS = List.of(
            "gpufleet.dev/pool",
            "eks.amazonaws.com/nodegroup",
            "cloud.google.com/gke-nodepool",
            "kubernetes.azure.com/agentpool",
            "karpenter.sh/nodepool",
            "agentpool",
            "node-pool",
            "pool");

    /// The pool of a node that carries none of [#LABELS].
    public static final String NO_POOL = "(no pool)";

    private PoolLabels() {
    }

    /// The node's pool, [#NO_POOL] when it carries no pool label.
    public static String poolOf(Map<String, String> labels) {
        for (String label : LABELS) {
            String value = labels.get(label);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return NO_POOL;
    }
}
