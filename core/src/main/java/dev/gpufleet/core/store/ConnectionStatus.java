package dev.gpufleet.core.store;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// A cluster connection's state, a message for people (what happened, what to do) and since when.
public record ConnectionStatus(ConnectionState state, @Nullable String message, Instant since) {

    public ConnectionStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }

    public static ConnectionStatus of(ConnectionState state, Instant since) {
        return new ConnectionStatus(state, null, since);
    }
}
