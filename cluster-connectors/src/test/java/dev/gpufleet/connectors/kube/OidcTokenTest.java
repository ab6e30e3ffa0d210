package dev.gpufleet.connectors.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.cluster.ClusterConnection;
import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// A kubeconfig user logged in through OIDC (`auth-provider: oidc`, as `kubectl oidc-login` or
/// older cloud CLIs leave it): fabric8 sends its ID token, and the file is left as it was (fabric8
/// is given no file, so it has nowhere to write refreshed tokens back).
class OidcTokenTest {

    private static final String CONTEXT = "oidc-sim";

    @TempDir
    Path dir;

    @Test
    void theIdTokenOfAnOidcUserIsSentAndTheFileIsNotWritten() throws Exception {
        try (SimulatorServer sim = SimulatorServer.start(new SimConfig(1, 1, 3, 0, SimConfig.DEFAULT_BIND_ADDRESS))) {
            String yaml = sim.kubeconfigYaml(CONTEXT).replace("    token: " + sim.token(), "    auth-provider:\n"
                    + "      name: oidc\n"
                    + "      config:\n"
                    + "        client-id: gpufleet-test\n"
                    + "        id-token: " + sim.token() + "\n"
                    + "        idp-issuer-url: https://127.0.0.1:9/unused\n");
            Path file = dir.resolve("config");
            Files.writeString(file, yaml);
            Files.setLastModifiedTime(file, FileTime.fromMillis(1_600_000_000_000L));
            Kubeconfig kubeconfig = Kubeconfig.discover(file, null, dir);

            try (FleetStore store = new FleetStore();
                    ClusterConnection connection = ClusterConnection.open(kubeconfig, CONTEXT, store,
                            ConnectionOptions.defaults().withScrapeInterval(Duration.ofMillis(500)))) {
                connection.start();
                connection.ready().get(30, TimeUnit.SECONDS);
                assertThat(connection.status().state()).isEqualTo(ConnectionState.LIVE);
            }
            assertThat(Files.readString(file)).isEqualTo(yaml);
            assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(1_600_000_000_000L);
            try (var files = Files.list(dir)) {
                assertThat(files.toList()).containsExactly(file);
            }
        }
    }
}
