package dev.gpufleet.views.status;

import dev.gpufleet.core.store.ConnectionState;

/// One cluster in the status bar: its name, state, GPU count, the text shown on hover
/// (e.g. `prod-east: UNAUTHORIZED — the token was rejected (since 4 min ago)`), what is
/// stale, for the chip itself (e.g. `inventory as of 12:03:05 (40 s ago)`; empty when current)
/// and, while it syncs, how far its first list has come (e.g. `syncing 12,500 nodes,
/// 84,000 / ~200,000 pods`; empty otherwise).
public record ClusterStatusItem(String name, ConnectionState state, int gpuCount, String detail, String staleness,
        String progress) {

    /// A cluster whose data is current, with no sync under way.
    public ClusterStatusItem(String name, ConnectionState state, int gpuCount, String detail) {
        this(name, state, gpuCount, detail, "", "");
    }

    /// Whether some of this cluster's data is older than its present state.
    public boolean stale() {
        return !staleness.isEmpty();
    }

    /// What the chip says: the name, with the state unless live (or the sync's progress while it
    /// syncs), then what is stale.
    public String chipText() {
        String head = state == ConnectionState.LIVE ? name : name + " · " + (progress.isEmpty() ? state.name() : progress);
        return stale() ? head + " · " + staleness : head;
    }
}
