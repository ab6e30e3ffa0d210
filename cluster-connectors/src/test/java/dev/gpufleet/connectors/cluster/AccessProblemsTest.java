package dev.gpufleet.connectors.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.store.ConnectionState;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class AccessProblemsTest {

    private static final ClusterIdentity WHERE = new ClusterIdentity("prod", "https://10.0.0.1:6443", "ana");

    private static KubernetesClientException api(int code, String message) {
        return new KubernetesClientException("Failure executing: GET", code,
                new StatusBuilder().withCode(code).withMessage(message).build());
    }

    @Test
    void unauthorizedSaysToLogInAgain() {
        ClusterAccessException problem = AccessProblems.classify(api(401, "Unauthorized"), WHERE, "list nodes");

        assertThat(problem.state()).isEqualTo(ConnectionState.UNAUTHORIZED);
        assertThat(problem.getMessage()).contains("context \"prod\" (https://10.0.0.1:6443)", "user \"ana\"",
                "401 Unauthorized", "log in again");
    }

    @Test
    void forbiddenNamesTheMissingPermission() {
        ClusterAccessException problem = AccessProblems.classify(api(403,
                "pods is forbidden: User \"ana\" cannot list resource \"pods\" in API group \"\" at the cluster scope"),
                WHERE, "list pods");

        assertThat(problem.state()).isEqualTo(ConnectionState.UNAUTHORIZED);
        assertThat(problem.getMessage()).contains("User \"ana\" may not list pods on context \"prod\"",
                "cannot list resource \"pods\"", "Ask a cluster admin");
    }

    @Test
    void networkFailuresAreUnreachableWithTheServerUrl() {
        var refused = new KubernetesClientException("Operation failed",
                new IOException("Connection refused", new ConnectException("Connection refused")));
        var dns = new KubernetesClientException("Operation failed", new UnknownHostException("api.example.invalid"));
        var tls = new KubernetesClientException("Operation failed", new SSLHandshakeException("PKIX path building failed"));

        assertThat(AccessProblems.classify(refused, WHERE, "list nodes")).satisfies(p -> {
            assertThat(p.state()).isEqualTo(ConnectionState.UNREACHABLE);
            assertThat(p.getMessage()).contains("https://10.0.0.1:6443", "connection refused", "VPN");
        });
        assertThat(AccessProblems.classify(dns, WHERE, "list nodes").getMessage())
                .contains("does not resolve", "api.example.invalid");
        assertThat(AccessProblems.classify(tls, WHERE, "list nodes").getMessage())
                .contains("TLS handshake", "PKIX path building failed", "certificate authority");
    }

    @Test
    void serverErrorsAreDegraded() {
        ClusterAccessException problem = AccessProblems.classify(api(503, "etcd unavailable"), WHERE, "list pods");

        assertThat(problem.state()).isEqualTo(ConnectionState.DEGRADED);
        assertThat(problem.getMessage()).contains("503: etcd unavailable", "keeps retrying");
    }
}
