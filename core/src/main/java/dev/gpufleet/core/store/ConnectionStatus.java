package dev.gpufleet.core.store;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// A cluster connection's state, a message for people (what happened, what to do) and since when,
/// with what is stale: the time the inventory (nodes and pods) and the GPU telemetry were last
/// known current, each `null` while that data is current (or has never been read).
///
/// A stale part is still shown as last read, never dropped: a GPU whose telemetry stopped keeps
/// its last values and their time; a node the inventory cannot confirm stays listed.
public record ConnectionStatus(ConnectionState state, @Nullable String message, Instant since,
        @Nullable Instant inventoryAsOf, @Nullable Instant telemetryAsOf) {

    public ConnectionStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }

    /// A status with nothing stale.
    public ConnectionStatus(ConnectionState state, @Nullable String message, Instant since) {
        this(state, message, since, null, null);
    }

    public static ConnectionStatus of(ConnectionState state, Instant since) {
        return new ConnectionStatus(state, null, since);
    }

    /// Whether some data shown for this cluster is older than the cluster's present state.
    public boolean stale() {
        return inventoryAsOf != null || telemetryAsOf != null;
    }
}
