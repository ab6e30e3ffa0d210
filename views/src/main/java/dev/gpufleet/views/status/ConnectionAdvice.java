package dev.gpufleet.views.status;

import dev.gpufleet.core.store.ConnectionState;

/// What each connection state means for the person at the console and what they can do.
public final class ConnectionAdvice {

    private ConnectionAdvice() {
    }

    /// A short headline, e.g. `prod-east rejected the credentials`.
    public static String headline(String cluster, ConnectionState state) {
        return switch (state) {
            case CONNECTING -> cluster + " is connecting";
            case SYNCING -> cluster + " is loading its nodes and pods";
            case LIVE -> cluster + " is live";
            case DEGRADED -> cluster + " is degraded";
            case UNREACHABLE -> cluster + " cannot be reached";
            case UNAUTHORIZED -> cluster + " rejected the credentials";
            case DISCONNECTED -> cluster + " is disconnected";
        };
    }

    /// What to do about `state`; empty when nothing is needed.
    public static String advice(ConnectionState state) {
        return switch (state) {
            case CONNECTING, SYNCING, LIVE -> "";
            case DEGRADED -> "Some readings are missing or late, so its cells may be stale. "
                    + "gpufleet keeps retrying; if this lasts, check the dcgm-exporter pods and the API server.";
            case UNREACHABLE -> "Check your network or VPN and the server address in your kubeconfig. "
                    + "gpufleet retries on its own; the cells show the last known readings.";
            case UNAUTHORIZED -> "Renew the credentials for this context (log in again with your cloud CLI "
                    + "or refresh the token in your kubeconfig); gpufleet reconnects once they work.";
            case DISCONNECTED -> "Reconnect the cluster to see current readings.";
        };
    }

    /// Whether the state deserves a banner: the data is not being kept current for a reason
    /// the person may be able to fix.
    public static boolean needsBanner(ConnectionState state) {
        return state == ConnectionState.DEGRADED || state == ConnectionState.UNREACHABLE
                || state == ConnectionState.UNAUTHORIZED;
    }
}
