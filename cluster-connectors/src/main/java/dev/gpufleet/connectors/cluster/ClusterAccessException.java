package dev.gpufleet.connectors.cluster;

import dev.gpufleet.core.store.ConnectionState;

/// A cluster could not be used: unreachable, credentials refused, or a permission missing.
///
/// The message is for people: what failed, where (context and server URL), what to do.
/// `state` is how the status bar shows it.
public final class ClusterAccessException extends Exception {

    private final ConnectionState state;

    public ClusterAccessException(ConnectionState state, String message, Throwable cause) {
        super(message, cause);
        this.state = state;
    }

    public ClusterAccessException(ConnectionState state, String message) {
        super(message);
        this.state = state;
    }

    public ConnectionState state() {
        return state;
    }
}
