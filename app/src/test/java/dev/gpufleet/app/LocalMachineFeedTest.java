package dev.gpufleet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import dev.gpufleet.core.telemetry.TelemetrySource;
import dev.gpufleet.nvml.NvmlLibrary;
import dev.gpufleet.views.clusters.ClusterEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/// "This machine": absent NVML leaves the console as it was; present, the machine's GPUs reach
/// the store as a one-node cluster, and leave it when the entry is disconnected.
class LocalMachineFeedTest {

    @Test
    void withoutNvmlThereIsNoEntryAndThePlanIsUnchanged() {
        String before = System.getProperty(NvmlLibrary.PATH_PROPERTY);
        System.setProperty(NvmlLibrary.PATH_PROPERTY, "/nonexistent/libnvidia-ml.so.1");
        try (FleetStore store = new FleetStore()) {
            Optional<LocalMachineFeed> feed = LocalMachineFeed.probe(store, Clock.systemUTC());

            assertThat(feed).isEmpty();
            assertThat(store.current().clusters()).isEmpty();
        } finally {
            if (before == null) {
                System.clearProperty(NvmlLibrary.PATH_PROPERTY);
            } else {
                System.setProperty(NvmlLibrary.PATH_PROPERTY, before);
            }
        }
    }

    @Test
    void theMachineShowsAsALiveOneNodeClusterUntilStopped() throws Exception {
        FakeSource source = new FakeSource();
        try (FleetStore store = new FleetStore();
                LocalMachineFeed feed = new LocalMachineFeed(source, "workstation", store, Duration.ofMillis(20),
                        Clock.systemUTC())) {
            feed.start();
            ClusterSnapshot cluster = awaitCluster(store);

            assertThat(cluster.connection().state()).isEqualTo(ConnectionState.LIVE);
            assertThat(cluster.nodes()).singleElement().satisfies(node -> {
                assertThat(node.name()).isEqualTo("workstation");
                assertThat(node.node().labels()).containsEntry(NodeRecord.LABEL_GPU_PRODUCT, "NVIDIA-H200");
                assertThat(node.gpus()).singleElement()
                        .satisfies(gpu -> assertThat(gpu.uuid()).isEqualTo("GPU-local"));
            });
            assertThat(feed.entry()).isEqualTo(new ClusterEntry("This machine", "fake NVML for this test"));

            feed.stop();
            store.sync().get();
            assertThat(store.current().cluster(LocalMachineFeed.NAME)).isEmpty();
        }
        assertThat(source.closed).isTrue();
    }

    @Test
    void thePlanListsTheMachineAndConnectsIt() {
        ConsolePlan plan = ConsolePlan.demoOnly().withLocalMachine(new ClusterEntry("This machine", "NVML"));

        assertThat(plan.entries()).extracting(ClusterEntry::name).containsExactly(FleetSession.DEMO, "This machine");
        assertThat(plan.connectAtStart()).contains(FleetSession.DEMO, "This machine");
    }

    private static ClusterSnapshot awaitCluster(FleetStore store) throws Exception {
        for (int i = 0; i < 200; i++) {
            Optional<ClusterSnapshot> cluster = store.sync().get().cluster(LocalMachineFeed.NAME);
            if (cluster.isPresent() && !cluster.get().nodes().isEmpty() && !cluster.get().nodes().getFirst().gpus().isEmpty()
                    && cluster.get().connection().state() == ConnectionState.LIVE) {
                return cluster.get();
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the local machine never reached the store: " + store.current());
    }

    private static final class FakeSource implements TelemetrySource {

        private final AtomicInteger reads = new AtomicInteger();
        private volatile boolean closed;

        @Override
        public String describe() {
            return "fake NVML for this test";
        }

        @Override
        public TelemetryFrame collect() {
            double[] row = MetricValues.blankArray();
            row[Metric.POWER_USAGE.ordinal()] = 100 + reads.incrementAndGet();
            GpuSample gpu = new GpuSample(0, "GPU-local", "NVIDIA H200", MetricValues.wrap(row), List.of(), List.of());
            return new TelemetryFrame(LocalMachineFeed.NAME, java.time.Instant.now(),
                    List.of(new NodeTelemetry("workstation", List.of(gpu), null)));
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
