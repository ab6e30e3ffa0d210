package dev.gpufleet.connectors.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.history.HistoryConfig;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetSink;
import dev.gpufleet.core.store.InventoryEvent;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/// The first sync of a cluster bigger than one page says how far it has come, with the
/// server's estimate of the total, and lists nodes and pods completely.
class SyncProgressReportTest {

    @Test
    void theFirstSyncReportsPagesOfPodsAgainstTheServersTotal() throws Exception {
        Recorder recorder = new Recorder();
        try (SimulatorServer sim = SimulatorServer.start(SimConfig.defaults().withNodes(100).withPods(1_600));
                ClusterConnection connection = ClusterConnection.open(
                        Kubeconfig.fromText(sim.kubeconfigYaml("sim"), "simulator kubeconfig"), "sim", recorder,
                        ConnectionOptions.defaults().withScrapeInterval(Duration.ofSeconds(30)))) {
            connection.start();
            connection.ready().get(60, TimeUnit.SECONDS);
        }

        List<String> syncing = recorder.statuses.stream().filter(s -> s.state() == ConnectionState.SYNCING)
                .map(ConnectionStatus::message).toList();
        // Nodes are listed beside the pods, so a pod page may come before or after the node list ends.
        assertThat(syncing).anyMatch(m -> m.matches("syncing .*nodes.*, 500 / ~1,600 pods"))
                .anyMatch(m -> m.matches("syncing .*nodes.*, 1,500 / ~1,600 pods"))
                .last().isEqualTo("syncing 100 nodes, 1,600 pods");
        assertThat(recorder.resynced.getFirst().pods()).hasSize(1_600);
        assertThat(recorder.resynced.getFirst().nodes()).hasSize(100);
    }

    private static final class Recorder implements FleetSink {
        final List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();
        final List<InventoryEvent.Resynced> resynced = new CopyOnWriteArrayList<>();

        @Override
        public void inventory(String cluster, InventoryEvent event) {
            if (event instanceof InventoryEvent.Resynced full) {
                resynced.add(full);
            }
        }

        @Override
        public void telemetry(TelemetryFrame frame) {
        }

        @Override
        public void connection(String cluster, ConnectionStatus status) {
            statuses.add(status);
        }

        @Override
        public void backfill(String cluster, List<TelemetryFrame> frames) {
        }

        @Override
        public void removeCluster(String cluster) {
        }

        @Override
        public HistoryConfig historyConfig() {
            return HistoryConfig.defaults();
        }
    }
}
