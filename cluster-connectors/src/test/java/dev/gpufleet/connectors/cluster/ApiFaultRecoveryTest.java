package dev.gpufleet.connectors.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.kube.KubeClients;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import dev.gpufleet.sim.faults.FaultSwitch;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/// The API server's bad days, over real HTTPS against the simulator, with a real connection
/// using the default backoff cap: for each fault the connection says what is wrong and since
/// when the inventory is stale, keeps the last good inventory and telemetry (never a node
/// dropped, never a GPU's readings blanked), and is correct again within 10 s of the fault
/// clearing, including a change made to a node meanwhile.
class ApiFaultRecoveryTest {

    private static final String CONTEXT = "bad-day";
    /// The promise: current again this soon after the fault clears.
    private static final Duration RECOVERY = Duration.ofSeconds(10);
    private static final Duration NOTICE = Duration.ofSeconds(15);
    private static final ConnectionOptions OPTIONS = ConnectionOptions.defaults()
            .withScrapeInterval(Duration.ofMillis(500))
            .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1));

    private static SimulatorServer sim;
    private static Kubeconfig kubeconfig;
    private FleetStore store;
    private ClusterConnection connection;
    private AutoCloseable watching;
    private final AtomicInteger fewestNodes = new AtomicInteger(Integer.MAX_VALUE);
    private final AtomicBoolean gpuBlanked = new AtomicBoolean();
    private String node;

    @BeforeAll
    static void startSimulator() throws Exception {
        sim = SimulatorServer.start(new SimConfig(3, 2, 11, 0, SimConfig.DEFAULT_BIND_ADDRESS));
        kubeconfig = Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT), "simulator kubeconfig");
    }

    @AfterAll
    static void stopSimulator() {
        if (sim != null) {
            sim.close();
        }
    }

    @BeforeEach
    void connect() throws Exception {
        store = new FleetStore();
        connection = ClusterConnection.open(kubeconfig, CONTEXT, store, OPTIONS);
        connection.start();
        connection.ready().get(30, TimeUnit.SECONDS);
        ClusterSnapshot first = await(c -> c.connection().state() == ConnectionState.LIVE && allGpusRead(c), NOTICE);
        node = first.nodes().getFirst().name();
        watching = store.subscribe(this::watchForLoss);
    }

    @AfterEach
    void disconnect() throws Exception {
        sim.apiFaults().clearAll();
        if (watching != null) {
            watching.close();
        }
        connection.close();
        store.close();
        sim.updateNode(node, n -> {
            n.getSpec().setUnschedulable(null);
            return n;
        });
    }

    @Test
    void restart() throws Exception {
        Duration down = Duration.ofSeconds(3);
        long clears = System.nanoTime() + down.toNanos();
        sim.apiFaults().restart(down, () -> cordon(node));

        ClusterSnapshot during = await(c -> !c.connection().state().isHealthy()
                && c.connection().inventoryAsOf() != null, NOTICE);
        assertStaleButKept(during);

        assertRecovers(clears);
    }

    @Test
    void watchExpiry() throws Exception {
        sim.apiFaults().set(FaultSwitch.parse("watch-expiry"));
        long clears = System.nanoTime();
        cordon(node);

        assertRecovers(clears);
    }

    @Test
    void throttle() throws Exception {
        sim.apiFaults().set(FaultSwitch.parse("throttle"));
        sim.apiFaults().expireWatches(); // the watches must list again, into the 429s
        cordon(node);

        ClusterSnapshot during = await(c -> c.connection().state() == ConnectionState.DEGRADED
                && c.connection().message() != null && c.connection().message().contains("429 (throttled)"), NOTICE);
        assertStaleButKept(during);

        sim.apiFaults().clearAll();
        assertRecovers(System.nanoTime());
    }

    @Test
    void watch503() throws Exception {
        sim.apiFaults().set(FaultSwitch.parse("watch-503"));
        cordon(node);

        ClusterSnapshot during = await(c -> c.connection().state() == ConnectionState.DEGRADED
                && c.connection().message() != null && c.connection().message().contains("503"), NOTICE);
        assertStaleButKept(during);

        sim.apiFaults().clearAll();
        assertRecovers(System.nanoTime());
    }

    @Test
    void slow() throws Exception {
        sim.apiFaults().set(FaultSwitch.parse("slow=2500ms")); // past the 2 s request timeout
        sim.apiFaults().expireWatches();
        cordon(node);

        ClusterSnapshot during = await(c -> c.connection().state() == ConnectionState.UNREACHABLE
                && c.connection().message() != null && c.connection().message().contains("did not answer in time"),
                NOTICE);
        assertStaleButKept(during);

        sim.apiFaults().clearAll();
        assertRecovers(System.nanoTime());
    }

    @Test
    void drop() throws Exception {
        sim.apiFaults().set(FaultSwitch.parse("drop"));
        cordon(node);

        ClusterSnapshot during = await(c -> !c.connection().state().isHealthy()
                && c.connection().inventoryAsOf() != null, NOTICE);
        assertStaleButKept(during);

        sim.apiFaults().clearAll();
        assertRecovers(System.nanoTime());
    }

    private static void cordon(String name) {
        sim.updateNode(name, n -> {
            n.getSpec().setUnschedulable(true);
            return n;
        });
    }

    /// The status names the stale inventory with a time, and nothing that was read is gone.
    private void assertStaleButKept(ClusterSnapshot during) {
        ConnectionStatus status = during.connection();
        assertThat(status.inventoryAsOf()).as("inventory marked stale: %s", status).isNotNull();
        assertThat(status.message()).as("says what is wrong").isNotBlank();
        assertThat(during.nodes()).as("last good nodes kept").hasSize(3);
        assertThat(fewestNodes.get()).as("no snapshot lost nodes").isEqualTo(3);
        assertThat(gpuBlanked).as("no GPU lost its last readings").isFalse();
    }

    /// Within 10 s of `clearedAt` the connection is live and its inventory is the simulator's.
    private void assertRecovers(long clearedAt) throws Exception {
        Map<String, Boolean> truth;
        TreeSet<String> truthPods;
        ClusterSnapshot after = await(c -> c.connection().state() == ConnectionState.LIVE
                && c.node(node).map(n -> n.node().unschedulable()).orElse(false), NOTICE.plus(RECOVERY));
        Duration took = Duration.ofNanos(System.nanoTime() - clearedAt);
        try (KubernetesClient client = KubeClients.createShortLived(kubeconfig, CONTEXT, Duration.ofSeconds(5),
                Duration.ofSeconds(10))) {
            truth = client.nodes().list().getItems().stream().collect(Collectors.toMap(
                    n -> n.getMetadata().getName(), ApiFaultRecoveryTest::unschedulable, (a, b) -> a, TreeMap::new));
            truthPods = client.pods().inAnyNamespace().list().getItems().stream()
                    .filter(p -> p.getSpec().getNodeName() != null)
                    .map(ApiFaultRecoveryTest::qualified).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(took).as("recovered within 10 s of the fault clearing").isLessThanOrEqualTo(RECOVERY);
        assertThat(after.connection().stale()).isFalse();
        Map<String, Boolean> seen = after.nodes().stream().collect(Collectors.toMap(NodeSnapshot::name,
                n -> n.node().unschedulable(), (a, b) -> a, TreeMap::new));
        TreeSet<String> seenPods = after.nodes().stream().flatMap(n -> n.pods().stream())
                .map(PodRecord::qualifiedName).collect(Collectors.toCollection(TreeSet::new));
        assertThat(seen).isEqualTo(truth);
        assertThat(seenPods).isEqualTo(truthPods);
        assertThat(fewestNodes.get()).as("no snapshot lost nodes").isEqualTo(3);
        assertThat(gpuBlanked).as("no GPU lost its last readings").isFalse();
    }

    private void watchForLoss(FleetSnapshot snapshot) {
        snapshot.cluster(CONTEXT).ifPresent(c -> {
            fewestNodes.accumulateAndGet(c.nodes().size(), Math::min);
            if (!allGpusRead(c)) {
                gpuBlanked.set(true);
            }
        });
    }

    private static boolean allGpusRead(ClusterSnapshot cluster) {
        return !cluster.nodes().isEmpty() && cluster.nodes().stream().flatMap(n -> n.gpus().stream())
                .allMatch(GpuSnapshot::hasTelemetry);
    }

    private static boolean unschedulable(Node n) {
        return Boolean.TRUE.equals(n.getSpec().getUnschedulable());
    }

    private static String qualified(Pod p) {
        return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
    }

    private ClusterSnapshot await(Predicate<ClusterSnapshot> condition, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        ClusterSnapshot cluster = cluster();
        while (!condition.test(cluster)) {
            assertThat(System.nanoTime()).as("condition met in time; last status %s", cluster.connection())
                    .isLessThan(deadline);
            Thread.sleep(50);
            cluster = cluster();
        }
        return cluster;
    }

    private ClusterSnapshot cluster() throws Exception {
        FleetSnapshot snapshot = store.sync().get(5, TimeUnit.SECONDS);
        return snapshot.cluster(CONTEXT).orElseThrow();
    }
}
