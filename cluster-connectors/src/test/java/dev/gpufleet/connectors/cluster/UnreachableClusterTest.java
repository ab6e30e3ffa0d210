package dev.gpufleet.connectors.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.FleetStore;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/// A context whose API server port has nothing listening.
class UnreachableClusterTest {

    private static int deadPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void deadPortIsUnreachableAndReadyFailsWithTheServerUrl() throws Exception {
        String server = "https://127.0.0.1:" + deadPort();
        Kubeconfig kubeconfig = Kubeconfig.fromText("""
                apiVersion: v1
                kind: Config
                current-context: gone
                clusters:
                - name: gone
                  cluster: {server: "%s", insecure-skip-tls-verify: true}
                contexts:
                - name: gone
                  context: {cluster: gone, user: me}
                users:
                - name: me
                  user: {token: abc}
                """.formatted(server), "test kubeconfig");
        ConnectionOptions options = ConnectionOptions.defaults()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));

        try (FleetStore store = new FleetStore();
                ClusterConnection connection = ClusterConnection.open(kubeconfig, "gone", store, options)) {
            long before = System.nanoTime();
            connection.start();
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));

            assertThatThrownBy(() -> connection.ready().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ClusterAccessException.class)
                    .hasMessageContaining(server)
                    .hasMessageContaining("connection refused")
                    .satisfies(e -> assertThat(((ClusterAccessException) e).state())
                            .isEqualTo(ConnectionState.UNREACHABLE));
            FleetSnapshot snapshot = store.sync().get(5, TimeUnit.SECONDS);
            assertThat(snapshot.cluster("gone").orElseThrow().connection().state())
                    .isEqualTo(ConnectionState.UNREACHABLE);
            assertThat(connection.status().message()).contains(server);
        }
    }
}
