package dev.gpufleet.views.status;

import dev.gpufleet.core.store.ConnectionState;
import org.jspecify.annotations.Nullable;

/// One cluster in the status bar: its name, state, GPU count, the text shown on hover
/// (e.g. `prod-east: UNAUTHORIZED — the token was rejected (since 4 min ago)`) and, when some
/// nodes' readings are stale, which share since when
/// (`telemetry stale on 3 of 64 nodes since 12:03:05`).
public record ClusterStatusItem(String name, ConnectionState state, int gpuCount, String detail,
                                @Nullable String staleTelemetry) {

    /// An item whose telemetry is fresh everywhere.
    public ClusterStatusItem(String name, ConnectionState state, int gpuCount, String detail) {
        this(name, state, gpuCount, detail, null);
    }
}
