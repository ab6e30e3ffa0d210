package dev.gpufleet.core.drain;

/// What a drain does with one pod, and whether that stops the drain.
public enum Disposition {
    /// Evicted through the Eviction API (PodDisruptionBudgets hold).
    EVICT(false, "evict"),
    /// Already being deleted; the drain only waits for it.
    WAIT(false, "wait: already terminating"),
    /// Its DaemonSet tolerates the cordon and would put it straight back.
    SKIP_DAEMONSET(false, "skip: managed by a DaemonSet"),
    /// A static pod's mirror; only the kubelet's manifest removes it.
    SKIP_MIRROR(false, "skip: mirror of a static pod"),
    /// Not on the GPU or MIG instance the drain is limited to.
    SKIP_OUT_OF_SCOPE(false, "skip: not on the chosen GPU"),
    /// No controller would recreate it; needs `force`.
    REFUSE_UNMANAGED(true, "refused: no controller owns it (allow with --force)"),
    /// Its emptyDir data would be lost; needs `deleteEmptyDirData`.
    REFUSE_EMPTYDIR(true, "refused: uses emptyDir data (allow with --delete-emptydir-data)");

    private final boolean blocking;
    private final String description;

    Disposition(boolean blocking, String description) {
        this.blocking = blocking;
        this.description = description;
    }

    /// Whether a plan with such a pod must not proceed.
    public boolean blocking() {
        return blocking;
    }

    public String description() {
        return description;
    }

    /// Whether the drain waits for the pod to be gone.
    public boolean removes() {
        return this == EVICT || this == WAIT;
    }
}
