package dev.gpufleet.core.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/// Over random snapshot sequences (cordons, failures, stale readings, MIG cards with odd
/// layouts, shared GPUs, unattributed pods, pending pods, gaps past the limit) the categories
/// partition the fleet's GPU time, and every roll-up sums to the fleet.
class WasteLedgerPropertiesTest {

    private static final String[] PROFILES = {"1g.10gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb"};
    private static final Health[] HEALTH = Health.values();

    @Property(tries = 200)
    void categoriesPartitionTheFleetsGpuTime(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int snapshots) {
        Random random = new Random(seed);
        WasteLedger ledger = new WasteLedger(WasteSettings.defaults(), GpuPrices.defaults());
        Instant time = Fleets.T0.plusSeconds(random.nextInt(7200));
        double expectedSeconds = 0;
        int gpusBefore = 0;
        for (int i = 0; i < snapshots; i++) {
            FleetSnapshot snapshot = randomFleet(random, time, i);
            ledger.accept(snapshot);
            gpusBefore = snapshot.gpuCount();
            long step = random.nextInt(900);
            expectedSeconds += gpusBefore * (double) step;
            time = time.plusSeconds(step);
        }
        ledger.advanceTo(time);

        WasteReport report = ledger.report();
        WasteAmounts fleet = report.fleet();
        assertThat(fleet.totalHours()).isCloseTo(expectedSeconds / 3600, within(1e-6));
        for (WasteCategory category : WasteCategory.values()) {
            double whole = fleet.hours(category);
            assertThat(whole).isGreaterThanOrEqualTo(-1e-9);
            assertThat(sum(report, WasteScope.CLUSTER, category)).isCloseTo(whole, within(1e-6));
            assertThat(sum(report, WasteScope.POOL, category)).isCloseTo(whole, within(1e-6));
            assertThat(sum(report, WasteScope.NODE, category)).isCloseTo(whole, within(1e-6));
            assertThat(sum(report, WasteScope.HOUR, category)).isCloseTo(whole, within(1e-6));
            if (category.allocated()) {
                assertThat(sum(report, WasteScope.NAMESPACE, category)).isCloseTo(whole, within(1e-6));
                assertThat(sum(report, WasteScope.WORKLOAD, category)).isCloseTo(whole, within(1e-6));
            }
        }
    }

    private static double sum(WasteReport report, WasteScope scope, WasteCategory category) {
        List<WasteReport.Row> rows = scope == WasteScope.HOUR ? report.trend() : report.rows(scope);
        return rows.stream().mapToDouble(row -> row.amounts().hours(category)).sum();
    }

    private static FleetSnapshot randomFleet(Random random, Instant time, int version) {
        List<ClusterSnapshot> clusters = new ArrayList<>();
        for (int c = 0, n = 1 + random.nextInt(2); c < n; c++) {
            List<NodeSnapshot> nodes = new ArrayList<>();
            for (int k = 0, m = 1 + random.nextInt(4); k < m; k++) {
                nodes.add(randomNode(random, time, "n" + k));
            }
            List<PodRecord> pending = new ArrayList<>();
            for (int p = 0, q = random.nextInt(3); p < q; p++) {
                pending.add(new PodRecord("ml", "wait-" + p, null, "Pending", new OwnerRef("Job", "wait"),
                        Map.of(random.nextBoolean() ? "nvidia.com/gpu" : "nvidia.com/mig-1g.10gb", 1L + random.nextInt(8))));
            }
            clusters.add(new ClusterSnapshot("c" + c, Fleets.live(), nodes, pending));
        }
        return new FleetSnapshot(version, time, clusters);
    }

    private static NodeSnapshot randomNode(Random random, Instant time, String name) {
        List<PodRecord> pods = new ArrayList<>();
        List<GpuSnapshot> gpus = new ArrayList<>();
        int count = random.nextInt(5);
        for (int g = 0; g < count; g++) {
            Instant sampled = random.nextInt(5) == 0 ? time.minusSeconds(random.nextInt(300)) : time;
            if (random.nextInt(4) == 0) {
                List<MigSample> instances = new ArrayList<>();
                for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                    List<PodRef> holders = randomPods(random, name, pods, "mig-" + g + "-" + i);
                    instances.add(new MigSample(i, PROFILES[random.nextInt(PROFILES.length)], randomValues(random), holders));
                }
                gpus.add(new GpuSnapshot(g, "GPU-" + g, Fleets.A100, HEALTH[random.nextInt(HEALTH.length)],
                        randomValues(random), sampled, instances, List.of()));
            } else {
                gpus.add(new GpuSnapshot(g, "GPU-" + g, Fleets.H100, HEALTH[random.nextInt(HEALTH.length)],
                        randomValues(random), sampled, List.of(), randomPods(random, name, pods, "gpu-" + g)));
            }
        }
        if (random.nextInt(3) == 0) {
            pods.add(new PodRecord("quiet", "unseen", name, "Running", null, Map.of("nvidia.com/gpu", 1L + random.nextInt(3))));
        }
        return new NodeSnapshot(Fleets.node(name, random.nextInt(5) == 0, Map.of("nvidia.com/gpu", (long) count),
                random.nextBoolean() ? Map.of("pool", "p" + random.nextInt(2)) : Map.of()), gpus, pods, time, null);
    }

    private static List<PodRef> randomPods(Random random, String node, List<PodRecord> pods, String prefix) {
        List<PodRef> refs = new ArrayList<>();
        for (int p = 0, n = random.nextInt(3); p < n; p++) {
            String namespace = "ns" + random.nextInt(3);
            PodRecord pod = new PodRecord(namespace, prefix + "-" + p, node, "Running",
                    random.nextBoolean() ? new OwnerRef("ReplicaSet", "web-5d8f7c9b4") : null, Map.of("nvidia.com/gpu", 1L));
            if (random.nextBoolean()) {
                pods.add(pod);
            }
            refs.add(new PodRef(namespace, pod.name(), "main"));
        }
        return refs;
    }

    private static MetricValues randomValues(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> MetricValues.empty();
            case 1 -> Fleets.values(Metric.SM_ACTIVE, random.nextDouble(), Metric.TOTAL_ENERGY, random.nextDouble() * 1e9);
            case 2 -> Fleets.values(Metric.GPU_UTIL, random.nextInt(101), Metric.POWER_USAGE, 50 + random.nextInt(600));
            default -> Fleets.values(Metric.GR_ENGINE_ACTIVE, random.nextDouble());
        };
    }
}
