package dev.gpufleet.connectors.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/// The API server goes away under a live connection.
class ServerLossTest {

    @Test
    void aLiveConnectionNoticesTheServerIsGone() throws Exception {
        ConnectionOptions options = ConnectionOptions.defaults().withScrapeInterval(Duration.ofMillis(300))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2))
                .withMaxRetryDelay(Duration.ofSeconds(1));
        SimulatorServer sim = SimulatorServer.start(new SimConfig(2, 2, 7, 0, SimConfig.DEFAULT_BIND_ADDRESS));
        try (FleetStore store = new FleetStore();
                ClusterConnection connection = ClusterConnection.open(
                        Kubeconfig.fromText(sim.kubeconfigYaml("lost"), "simulator"), "lost", store, options)) {
            connection.start();
            connection.ready().get(30, TimeUnit.SECONDS);
            assertThat(connection.status().state()).isEqualTo(ConnectionState.LIVE);

            sim.close();

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (connection.status().state() != ConnectionState.UNREACHABLE && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(connection.status().state()).isEqualTo(ConnectionState.UNREACHABLE);
            assertThat(connection.status().message()).contains(sim.baseUri().toString(), "connection refused");
        } finally {
            sim.close();
        }
    }
}
