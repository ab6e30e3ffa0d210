package dev.gpufleet.connectors.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.capacity.GpuPrices;
import dev.gpufleet.core.capacity.WasteAmounts;
import dev.gpufleet.core.capacity.WasteCategory;
import dev.gpufleet.core.capacity.WasteLedger;
import dev.gpufleet.core.capacity.WasteScope;
import dev.gpufleet.core.capacity.WasteSettings;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import dev.gpufleet.sim.faults.ExporterFaults;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Bad days of the exporters, over real HTTPS through the simulator's pod proxy: some answer
/// 500, some hang past the scrape timeout. The console keeps the last good readings of those
/// nodes, says why and since when no sample came, never blanks them into an idle GPU, and shows
/// fresh readings again within 10 s of the fault clearing.
@Timeout(180)
class ExporterFaultTest {

    private static final Logger LOG = LoggerFactory.getLogger(ExporterFaultTest.class);
    private static final String CONTEXT = "bad-day";
    private static final Duration INTERVAL = Duration.ofMillis(500);
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration STALE_AFTER = INTERVAL.multipliedBy(3);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration RECOVERY = Duration.ofSeconds(10);
    private static final ConnectionOptions OPTIONS = ConnectionOptions.defaults()
            .withScrapeInterval(INTERVAL)
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), SCRAPE_TIMEOUT);

    private static SimulatorServer sim;
    private static FleetStore store;
    private static ClusterConnection connection;

    @BeforeAll
    static void connect() throws Exception {
        sim = SimulatorServer.start(new SimConfig(8, 4, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS));
        store = new FleetStore();
        connection = ClusterConnection.open(Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT), "simulator kubeconfig"),
                CONTEXT, store, OPTIONS);
        connection.start();
        connection.ready().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    @AfterAll
    static void disconnect() {
        if (connection != null) {
            connection.close();
        }
        if (store != null) {
            store.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @AfterEach
    void clearFaults() throws Exception {
        sim.exporterFaults().clearAll();
        awaitCluster(c -> c.nodes().stream().allMatch(n -> n.gpus().isEmpty() || n.telemetryProblem() == null),
                DEADLINE);
    }

    @Test
    void exportersAnswering500KeepTheirLastReadingsMarkedStaleWithTheReason() throws Exception {
        Instant before = Instant.now();
        awaitCluster(c -> everyGpuNode(c, n -> n.telemetryAt() != null && n.telemetryAt().isAfter(before)), DEADLINE);
        List<String> failing = failFraction(0.25, ExporterFaults.Fault.ERROR_500);

        assertFaultIsShownThenClears(failing, "answered 500 Internal Server Error");
    }

    @Test
    void exportersThatHangPastTheScrapeTimeoutKeepTheirLastReadingsMarkedStale() throws Exception {
        Instant before = Instant.now();
        awaitCluster(c -> everyGpuNode(c, n -> n.telemetryAt() != null && n.telemetryAt().isAfter(before)), DEADLINE);
        List<String> failing = failFraction(0.25, ExporterFaults.Fault.TIMEOUT);

        assertFaultIsShownThenClears(failing, "did not answer within " + SCRAPE_TIMEOUT.toSeconds() + " s");
    }

    private static List<String> failFraction(double fraction, ExporterFaults.Fault fault) {
        sim.exporterFaults().failFraction(fraction, fault);
        List<String> failing = sim.exporterFaults().failingNodes();
        assertThat(failing).hasSize(2);
        return failing;
    }

    private static void assertFaultIsShownThenClears(List<String> failing, String reason) throws Exception {
        // The fault shows: each failing node has the reason and keeps its time of the last good sample.
        ClusterSnapshot faulty = awaitCluster(c -> failing.stream().allMatch(n -> problemOf(c, n) != null), DEADLINE);
        Map<String, Instant> lastGood = new HashMap<>();
        Map<String, List<MetricValues>> kept = new HashMap<>();
        for (String name : failing) {
            NodeSnapshot node = faulty.node(name).orElseThrow();
            assertThat(node.telemetryProblem()).as(name).contains(name).contains(reason);
            assertThat(node.telemetryAt()).as("last good sample of %s", name).isNotNull();
            lastGood.put(name, node.telemetryAt());
            kept.put(name, node.gpus().stream().map(GpuSnapshot::values).toList());
        }

        // Several rounds later: still the same last good readings, now stale, while the others move on.
        Instant staleBy = lastGood.values().stream().max(Instant::compareTo).orElseThrow().plus(STALE_AFTER);
        ClusterSnapshot stale = awaitCluster(c -> c.nodes().stream().anyMatch(n -> !failing.contains(n.name())
                && n.telemetryAt() != null && n.telemetryAt().isAfter(staleBy)), DEADLINE);
        Instant now = Instant.now();
        assertThat(stale.connection().state()).as("the other nodes still read").isEqualTo(ConnectionState.LIVE);
        for (String name : failing) {
            NodeSnapshot node = stale.node(name).orElseThrow();
            assertThat(node.telemetryAt()).as("no sample since").isEqualTo(lastGood.get(name));
            assertThat(node.telemetryProblem()).contains(reason);
            assertThat(node.gpus()).isNotEmpty().allSatisfy(gpu -> {
                assertThat(gpu.hasTelemetry()).as("last good values kept, not blanked").isTrue();
                assertThat(gpu.isStale(now, STALE_AFTER)).as("%s GPU %d is stale", name, gpu.index()).isTrue();
                assertThat(gpu.utilizationPercent()).as("a value, never a silent zero").isNotNaN();
            });
            assertThat(node.gpus().stream().map(GpuSnapshot::values).toList()).isEqualTo(kept.get(name));
        }

        assertCapacityCountsThemUnknownNeverIdle(stale, failing, now);

        // Cleared: fresh readings on every failing node within 10 s.
        sim.exporterFaults().clearAll();
        Instant cleared = Instant.now();
        ClusterSnapshot recovered = awaitCluster(c -> failing.stream().allMatch(n -> {
            NodeSnapshot node = c.node(n).orElseThrow();
            return node.telemetryProblem() == null && node.telemetryAt() != null && node.telemetryAt().isAfter(cleared);
        }), RECOVERY);
        LOG.info("{}: fresh readings on {} {} ms after the fault cleared", reason, failing,
                Duration.between(cleared, Instant.now()).toMillis());
        for (String name : failing) {
            assertThat(recovered.node(name).orElseThrow().gpus())
                    .allSatisfy(gpu -> assertThat(gpu.isStale(Instant.now(), STALE_AFTER)).isFalse());
        }
    }

    /// The capacity ledger credits a minute of the stale state to the failing nodes as unknown
    /// (or out of service), never as idle, free or used.
    private static void assertCapacityCountsThemUnknownNeverIdle(ClusterSnapshot stale, List<String> failing,
            Instant now) {
        WasteLedger ledger = new WasteLedger(new WasteSettings(5, STALE_AFTER, Duration.ofMinutes(5)),
                GpuPrices.defaults());
        ledger.accept(new FleetSnapshot(1, now, List.of(stale)));
        ledger.advanceTo(now.plusSeconds(60));
        Map<String, WasteAmounts> byNode = new HashMap<>();
        ledger.report().rows(WasteScope.NODE).forEach(row -> byNode.put(row.key(), row.amounts()));
        for (String name : failing) {
            WasteAmounts amounts = byNode.get(CONTEXT + "/" + name);
            assertThat(amounts).as("capacity row of %s", name).isNotNull();
            double unknown = amounts.hours(WasteCategory.UNKNOWN) + amounts.hours(WasteCategory.OUT_OF_SERVICE);
            assertThat(amounts.hours(WasteCategory.UNKNOWN)).isPositive();
            assertThat(unknown).isCloseTo(amounts.totalHours(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(amounts.hours(WasteCategory.IDLE_ALLOCATED) + amounts.hours(WasteCategory.FREE)
                    + amounts.hours(WasteCategory.STRANDED)).as("%s is never idle", name).isZero();
        }
    }

    private static boolean everyGpuNode(ClusterSnapshot cluster, Predicate<NodeSnapshot> condition) {
        List<NodeSnapshot> gpuNodes = cluster.nodes().stream().filter(n -> !n.gpus().isEmpty()).toList();
        return !gpuNodes.isEmpty() && gpuNodes.stream().allMatch(condition);
    }

    private static String problemOf(ClusterSnapshot cluster, String node) {
        return cluster.node(node).map(NodeSnapshot::telemetryProblem).orElse(null);
    }

    /// Polls the store until `condition` holds; fails with the last snapshot's telemetry when `within` passes.
    private static ClusterSnapshot awaitCluster(Predicate<ClusterSnapshot> condition, Duration within)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            ClusterSnapshot cluster = store.sync().get(5, TimeUnit.SECONDS).cluster(CONTEXT).orElseThrow();
            if (condition.test(cluster)) {
                return cluster;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within + "; telemetry: " + cluster.nodes().stream()
                        .map(n -> n.name() + " at " + n.telemetryAt() + " " + n.telemetryProblem()).toList());
            }
            Thread.sleep(100);
        }
    }
}
