package dev.gpufleet.views.status;

import dev.gpufleet.core.store.ConnectionState;

/// One cluster in the status bar: its name, state, GPU count, the text shown on hover
/// (e.g. `prod-east: UNAUTHORIZED — the token was rejected (since 4 min ago)`) and what is
/// stale, for the chip itself (e.g. `inventory as of 12:03:05 (40 s ago)`; empty when current).
public record ClusterStatusItem(String name, ConnectionState state, int gpuCount, String detail, String staleness) {

    /// A cluster whose data is current.
    public ClusterStatusItem(String name, ConnectionState state, int gpuCount, String detail) {
        this(name, state, gpuCount, detail, "");
    }

    /// Whether some of this cluster's data is older than its present state.
    public boolean stale() {
        return !staleness.isEmpty();
    }
}
