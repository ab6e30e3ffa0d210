package dev.gpufleet.core.actions;

/// What an operation needs the cluster to allow, as RBAC says it.
public enum Capability {
    /// Cordon, uncordon, taint, untaint, label: `patch nodes`.
    CHANGE_NODES("patch nodes"),
    /// Drain: `create pods/eviction`.
    EVICT_PODS("create pods/eviction");

    private final String permission;

    Capability(String permission) {
        this.permission = permission;
    }

    /// The permission as RBAC rules and `kubectl auth can-i` say it.
    public String permission() {
        return permission;
    }
}
