package dev.gpufleet.views.status;

import dev.gpufleet.core.store.ConnectionState;
import org.jspecify.annotations.Nullable;

/// One cluster in the status bar: its name, state, GPU count, the text shown on hover
/// (e.g. `prod-east: UNAUTHORIZED — the token was rejected (since 4 min ago)`), what of the
/// connection's data is stale (e.g. `inventory as of 12:03:05 (40 s ago)`; empty when current),
/// while it syncs how far its first list has come (e.g. `syncing 12,500 nodes, 84,000 / ~200,000
/// pods`; empty otherwise) and, when some nodes' readings are stale, which share since when
/// (`telemetry stale on 3 of 64 nodes since 12:03:05`).
public record ClusterStatusItem(String name, ConnectionState state, int gpuCount, String detail, String staleness,
        String progress, @Nullable String staleTelemetry) {

    /// A cluster whose data is current everywhere, with no sync under way.
    public ClusterStatusItem(String name, ConnectionState state, int gpuCount, String detail) {
        this(name, state, gpuCount, detail, "", "", null);
    }

    /// Whether some of this cluster's data is older than its present state: the connection's
    /// (inventory or telemetry "as of") or some nodes' readings.
    public boolean stale() {
        return !staleness.isEmpty() || staleTelemetry != null;
    }

    /// What the chip says: the name, with the state unless live (or the sync's progress while it
    /// syncs), then what is stale ("since" stays in the tooltip for the nodes' readings).
    public String chipText() {
        StringBuilder text = new StringBuilder(name);
        if (state != ConnectionState.LIVE) {
            text.append(" · ").append(progress.isEmpty() ? state.name() : progress);
        }
        if (!staleness.isEmpty()) {
            text.append(" · ").append(staleness);
        }
        if (staleTelemetry != null) {
            int since = staleTelemetry.indexOf(" since ");
            text.append(" · ").append(since < 0 ? staleTelemetry : staleTelemetry.substring(0, since));
        }
        return text.toString();
    }
}
