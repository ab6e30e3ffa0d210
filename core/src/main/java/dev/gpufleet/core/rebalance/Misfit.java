package dev.gpufleet.core.rebalance;

/// Why a pod cannot go to a node, in the order [NodeFit] checks: the node's state first, then
/// what it offers, then what the pod asks of it, then room.
public enum Misfit {
    /// Cordoned (`spec.unschedulable`).
    UNSCHEDULABLE("the node is cordoned"),
    /// Its Ready condition is not true.
    NOT_READY("the node is not Ready"),
    /// Its GPUs are degraded or failing: nothing new should land there.
    UNHEALTHY("the node's GPUs are degraded or failing"),
    /// It offers none (or too few in all) of a GPU resource the pod requests: another GPU kind or MIG profile.
    NO_SUCH_RESOURCE("the node does not offer the GPU resource (kind or MIG profile) in that number"),
    /// Another GPU product than the pod's current node, while the model is to be kept.
    OTHER_GPU_MODEL("the node has another GPU model"),
    /// A `NoSchedule`/`NoExecute` taint the pod does not tolerate.
    TAINT("a taint the pod does not tolerate"),
    /// Its labels fail the pod's `nodeSelector` or required node affinity.
    SELECTOR("the pod's nodeSelector or required node affinity excludes it"),
    /// Not enough of a requested GPU resource is free.
    NO_ROOM("not enough free GPUs");

    private final String description;

    Misfit(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
