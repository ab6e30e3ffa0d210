package dev.gpufleet.connectors.cluster;

import dev.gpufleet.core.store.ConnectionState;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.WatcherException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/// Turns what went wrong talking to a cluster into a [ClusterAccessException] people can act on.
///
/// `operation` says what was attempted in Kubernetes' words ("list nodes", "watch pods",
/// "get pods/proxy"), so a 403 names exactly the permission that is missing.
final class AccessProblems {

    private AccessProblems() {
    }

    static ClusterAccessException classify(Throwable failure, ClusterIdentity where, String operation) {
        if (failure instanceof ClusterAccessException known) {
            return known;
        }
        Throwable cause = failure instanceof WatcherException watch ? watch.asClientException() : failure;
        KubernetesClientException api = find(cause, KubernetesClientException.class);
        int code = api == null ? -1 : api.getCode();
        if (code == 401) {
            return new ClusterAccessException(ConnectionState.UNAUTHORIZED, "The API server of " + where.describe()
                    + " rejected the credentials of user \"" + where.user() + "\" (401 Unauthorized). The token or"
                    + " client certificate is wrong or has expired: log in again (for a cloud cluster, refresh its"
                    + " credentials with the provider's CLI), or pick another context.", failure);
        }
        if (code == 403) {
            return new ClusterAccessException(ConnectionState.UNAUTHORIZED, "User \"" + where.user()
                    + "\" may not " + operation + " on " + where.describe() + " (403 Forbidden" + serverSays(api)
                    + "). Ask a cluster admin for a role that allows get, list and watch on nodes and pods and get"
                    + " on pods/proxy, or pick another context.", failure);
        }
        if (code == 429) {
            return new ClusterAccessException(ConnectionState.DEGRADED, "API server answering 429 (throttled): "
                    + where.describe() + " refused to " + operation + " for now (429 Too Many Requests"
                    + serverSays(api) + "), as API Priority and Fairness does when it is overloaded or this user"
                    + " sends too much. gpufleet keeps what it last read, backs off and retries.", failure);
        }
        if (code >= 500) {
            return new ClusterAccessException(ConnectionState.DEGRADED, "The API server of " + where.describe()
                    + " failed to " + operation + " (" + code + serverSays(api) + "). It may be overloaded or"
                    + " restarting; gpufleet keeps retrying.", failure);
        }
        String network = networkProblem(cause, where);
        if (network != null) {
            return new ClusterAccessException(ConnectionState.UNREACHABLE, network, failure);
        }
        String detail = api != null && code > 0 ? code + serverSays(api) : rootMessage(cause);
        return new ClusterAccessException(ConnectionState.UNREACHABLE, "Could not " + operation + " on "
                + where.describe() + " (" + detail + "). Check that the cluster is up and that the server URL in"
                + " your kubeconfig is right; gpufleet keeps retrying.", failure);
    }

    private static @Nullable String networkProblem(Throwable failure, ClusterIdentity where) {
        UnknownHostException unknownHost = find(failure, UnknownHostException.class);
        if (unknownHost != null) {
            return "Cannot reach the API server of " + where.describe() + ": the host name does not resolve ("
                    + unknownHost.getMessage() + "). Check the server URL in your kubeconfig and your DNS or VPN.";
        }
        if (find(failure, ConnectException.class) != null || find(failure, NoRouteToHostException.class) != null) {
            return "Cannot reach the API server of " + where.describe() + ": connection refused. Check that the"
                    + " cluster is running and that this machine can reach it (VPN, proxy, firewall); gpufleet"
                    + " keeps retrying.";
        }
        if (find(failure, SSLException.class) != null || find(failure, CertificateException.class) != null) {
            return "The TLS handshake with the API server of " + where.describe() + " failed ("
                    + rootMessage(failure) + "). The server's certificate does not match the certificate"
                    + " authority in your kubeconfig: fetch fresh cluster credentials, or check the cluster entry.";
        }
        if (find(failure, SocketTimeoutException.class) != null || find(failure, TimeoutException.class) != null) {
            return "The API server of " + where.describe() + " did not answer in time. Check your network"
                    + " connection to it (VPN, proxy); gpufleet keeps retrying.";
        }
        return null;
    }

    private static String serverSays(@Nullable KubernetesClientException api) {
        if (api == null || api.getStatus() == null || api.getStatus().getMessage() == null) {
            return "";
        }
        return ": " + api.getStatus().getMessage().strip();
    }

    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
