package dev.gpufleet.core.store;

/// Where a cluster connection stands, as the status bar shows it.
public enum ConnectionState {
    CONNECTING,
    SYNCING,
    LIVE,
    DEGRADED,
    UNREACHABLE,
    UNAUTHORIZED,
    DISCONNECTED;

    /// Whether the cluster's data is being kept current.
    public boolean isHealthy() {
        return this == LIVE || this == SYNCING || this == CONNECTING;
    }
}
