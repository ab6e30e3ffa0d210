package dev.gpufleet.views.status;

import dev.gpufleet.core.store.ConnectionState;

/// One cluster in the status bar: its name, state, GPU count and the text shown on hover
/// (e.g. `prod-east: UNAUTHORIZED — the token was rejected (since 4 min ago)`).
public record ClusterStatusItem(String name, ConnectionState state, int gpuCount, String detail) {
}
