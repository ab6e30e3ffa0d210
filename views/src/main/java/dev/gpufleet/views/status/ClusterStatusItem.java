package dev.gpufleet.views.status;

import dev.gpufleet.core.store.ConnectionState;

/// One cluster in the status bar: its name, state, GPU count, the text shown on hover
/// (e.g. `prod-east: UNAUTHORIZED — the token was rejected (since 4 min ago)`) and, while it
/// syncs, how far its first list has come (e.g. `syncing 12,500 nodes, 84,000 / ~200,000 pods`;
/// empty otherwise).
public record ClusterStatusItem(String name, ConnectionState state, int gpuCount, String detail, String progress) {

    /// An item with no sync under way.
    public ClusterStatusItem(String name, ConnectionState state, int gpuCount, String detail) {
        this(name, state, gpuCount, detail, "");
    }

    /// What the chip says: the name, with the state unless live, or the sync's progress while it syncs.
    public String chipText() {
        if (state == ConnectionState.LIVE) {
            return name;
        }
        return name + " · " + (progress.isEmpty() ? state.name() : progress);
    }
}
