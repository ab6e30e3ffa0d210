package dev.gpufleet.views.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.health.HealthRules;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.views.TestFleets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/// A frame built incrementally from the previous one ([HeatmapFrame#next]) equals one built from
/// scratch, whatever changed in between: readings, labels, cordons, GPU counts, nodes coming and
/// going, the metric or the arrangement.
class IncrementalFrameTest {

    private static final String POOL = "karpenter.sh/nodepool";
    private static final String[] POOLS = {"a", "b", "c"};
    private static final String[] FILTERS = {"", "health>=warning", "-l \"" + POOL + " in (a, b)\"",
        "node-1", "-l zone=z1 health>=healthy", "ns:ml-team"};

    @Property(tries = 200)
    void incrementalFramesEqualFramesBuiltFromScratch(@ForAll long seed) throws HeatmapFilter.ParseException {
        SplittableRandom random = new SplittableRandom(seed);
        Fleet fleet = new Fleet(random);
        HeatmapMetric metric = metric(random);
        HeatmapArrangement arrangement = arrangement(random);
        HeatmapFrame frame = HeatmapFrame.extract(fleet.snapshot(0), metric, null, arrangement);
        for (int step = 1; step <= 6; step++) {
            fleet.change(random);
            if (random.nextInt(6) == 0) {
                metric = metric(random);
            }
            if (random.nextInt(6) == 0) {
                arrangement = arrangement(random);
            }
            FleetSnapshot snapshot = fleet.snapshot(step);
            HeatmapFrame incremental = frame.next(snapshot, metric, arrangement);
            assertSameFrame(incremental, HeatmapFrame.extract(snapshot, metric, null, arrangement));
            frame = incremental;
        }
    }

    @Test
    void aFewNodesReSortedByANewReadingMoveToWhereAFullSortPutsThem() {
        HeatmapArrangement arrangement = new HeatmapArrangement(POOL, HeatmapSort.UTILIZATION, HeatmapFilter.ALL);
        List<NodeSnapshot> nodes = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            String name = "node-" + n;
            double util = n * 2.5;
            nodes.add(TestFleets.node(name, 4, false, i -> TestFleets.healthyGpu(name, i, util)));
        }
        HeatmapFrame frame = HeatmapFrame.extract(fleetOf(nodes), HeatmapMetric.UTILIZATION, null, arrangement);
        SplittableRandom random = new SplittableRandom(7);
        for (int step = 0; step < 20; step++) {
            int n = random.nextInt(nodes.size());
            NodeSnapshot old = nodes.get(n);
            double util = random.nextInt(101);
            List<GpuSnapshot> gpus = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                gpus.add(TestFleets.healthyGpu(old.name(), i, util));
            }
            nodes.set(n, new NodeSnapshot(old.node(), gpus, old.pods(), old.telemetryAt(), null));
            FleetSnapshot snapshot = fleetOf(nodes);
            HeatmapFrame next = frame.next(snapshot, HeatmapMetric.UTILIZATION, arrangement);
            assertSameFrame(next, HeatmapFrame.extract(snapshot, HeatmapMetric.UTILIZATION, null, arrangement));
            frame = next;
        }
    }

    private static FleetSnapshot fleetOf(List<NodeSnapshot> nodes) {
        return new FleetSnapshot(1, TestFleets.T0, List.of(new ClusterSnapshot("c",
                ConnectionStatus.of(ConnectionState.LIVE, TestFleets.T0), List.copyOf(nodes))));
    }

    @Test
    void aNodeThatIsTheSameObjectIsFoundAtItsPositionOrAfterNodesCameOrWent() {
        NodeSnapshot a = TestFleets.node("a", 2, false, i -> TestFleets.healthyGpu("a", i, 10));
        NodeSnapshot b = TestFleets.node("b", 2, false, i -> TestFleets.healthyGpu("b", i, 20));
        NodeSnapshot c = TestFleets.node("c", 2, false, i -> TestFleets.healthyGpu("c", i, 30));
        NodeSnapshot changedB = new NodeSnapshot(b.node(), b.gpus(), b.pods(), b.telemetryAt(), null);
        NodeReadings readings = readings(a, b, c);

        assertThat(readings.matches(new NodeSnapshot[] {a, changedB, c})).containsExactly(0, -1, 2);
        assertThat(readings.matches(new NodeSnapshot[] {a, c})).containsExactly(0, 2);
        assertThat(readings.matches(new NodeSnapshot[] {changedB, a, b, c})).containsExactly(-1, 0, 1, 2);
        assertThat(readings.sameRecord(1, changedB.node())).isEqualTo(1);
        assertThat(readings.sameRecord(2, changedB.node())).isEqualTo(-1);
    }

    @Test
    void anotherMetricOrArrangementIsReadFromScratch() {
        NodeReadings readings = readings(TestFleets.node("a", 1, false, i -> TestFleets.healthyGpu("a", i, 10)));

        assertThat(readings.reusableFor(HeatmapMetric.UTILIZATION, HeatmapArrangement.DEFAULT)).isTrue();
        assertThat(readings.reusableFor(HeatmapMetric.POWER, HeatmapArrangement.DEFAULT)).isFalse();
        assertThat(readings.reusableFor(HeatmapMetric.UTILIZATION, HeatmapArrangement.DEFAULT.withGroupLabel(POOL)))
                .isFalse();
    }

    private static NodeReadings readings(NodeSnapshot... nodes) {
        ClusterSnapshot cluster = new ClusterSnapshot("c", ConnectionStatus.of(ConnectionState.LIVE, TestFleets.T0),
                List.of(nodes));
        FleetSnapshot snapshot = new FleetSnapshot(1, TestFleets.T0, List.of(cluster));
        TopologyBuilder builder = new TopologyBuilder(snapshot, HeatmapArrangement.DEFAULT, HeatmapMetric.UTILIZATION);
        builder.build();
        return builder.readings();
    }

    private static void assertSameFrame(HeatmapFrame actual, HeatmapFrame expected) {
        HeatmapTopology a = actual.topology();
        HeatmapTopology e = expected.topology();
        assertThat(a.sameShape(e)).as("same topology").isTrue();
        assertThat(a.groupCount()).isEqualTo(e.groupCount());
        for (int g = 0; g < e.groupCount(); g++) {
            assertThat(a.groupName(g)).isEqualTo(e.groupName(g));
            assertThat(a.endNode(g)).isEqualTo(e.endNode(g));
        }
        assertThat(a.nodeCount()).isEqualTo(e.nodeCount());
        for (int n = 0; n < e.nodeCount(); n++) {
            assertThat(a.nodeName(n)).isEqualTo(e.nodeName(n));
            assertThat(actual.cordoned(n)).as("cordoned %s", n).isEqualTo(expected.cordoned(n));
        }
        assertThat(actual.gpuCount()).isEqualTo(expected.gpuCount());
        for (int o = 0; o < expected.gpuCount(); o++) {
            assertThat(actual.gpu(o)).as("gpu %s", o).isSameAs(expected.gpu(o));
            assertThat(actual.node(o)).isSameAs(expected.node(o));
            assertThat(Double.compare(actual.value(o), expected.value(o))).as("value %s", o).isZero();
            assertThat(actual.color(o)).isEqualTo(expected.color(o));
            assertThat(actual.sampledAtMillis(o)).isEqualTo(expected.sampledAtMillis(o));
            assertThat(actual.health(o)).isEqualTo(expected.health(o));
            assertThat(actual.idle(o)).isEqualTo(expected.idle(o));
        }
    }

    private static HeatmapMetric metric(SplittableRandom random) {
        HeatmapMetric[] metrics = HeatmapMetric.values();
        return metrics[random.nextInt(metrics.length)];
    }

    private static HeatmapArrangement arrangement(SplittableRandom random) throws HeatmapFilter.ParseException {
        String group = random.nextBoolean() ? null : random.nextBoolean() ? POOL : "zone";
        HeatmapSort[] sorts = HeatmapSort.values();
        return new HeatmapArrangement(group, sorts[random.nextInt(sorts.length)],
                HeatmapFilter.parse(FILTERS[random.nextInt(FILTERS.length)]));
    }

    /// A random fleet of 1 to 3 clusters that [#change] mutates as core would: an unchanged
    /// node keeps its object, a changed one gets a new object (and a new record only if the
    /// node itself changed).
    private static final class Fleet {

        private final List<List<NodeSnapshot>> clusters = new ArrayList<>();
        private int names;

        Fleet(SplittableRandom random) {
            int count = 1 + random.nextInt(3);
            for (int c = 0; c < count; c++) {
                List<NodeSnapshot> nodes = new ArrayList<>();
                int size = random.nextInt(12);
                for (int n = 0; n < size; n++) {
                    nodes.add(node(newRecord(random), random.nextInt(5), random));
                }
                clusters.add(nodes);
            }
        }

        FleetSnapshot snapshot(long version) {
            List<ClusterSnapshot> list = new ArrayList<>();
            for (int c = 0; c < clusters.size(); c++) {
                list.add(new ClusterSnapshot("cluster-" + c, ConnectionStatus.of(ConnectionState.LIVE, TestFleets.T0),
                        clusters.get(c)));
            }
            return new FleetSnapshot(version, TestFleets.T0, list);
        }

        void change(SplittableRandom random) {
            for (List<NodeSnapshot> nodes : clusters) {
                for (int n = 0; n < nodes.size(); n++) {
                    NodeSnapshot node = nodes.get(n);
                    switch (random.nextInt(20)) {
                        case 0, 1, 2 -> nodes.set(n, node(node.node(), node.gpus().size(), random));
                        case 3 -> nodes.set(n, node(relabel(node.node(), random), node.gpus().size(), random));
                        case 4 -> nodes.set(n, node(node.node(), random.nextInt(5), random));
                        case 5 -> nodes.remove(n--);
                        case 6 -> nodes.add(n++, node(newRecord(random), random.nextInt(5), random));
                        default -> {
                            // unchanged: the same object
                        }
                    }
                }
                if (random.nextInt(4) == 0) {
                    nodes.add(node(newRecord(random), random.nextInt(5), random));
                }
            }
        }

        private NodeRecord newRecord(SplittableRandom random) {
            return record("node-" + names++, random);
        }

        private static NodeRecord relabel(NodeRecord record, SplittableRandom random) {
            return record(record.name(), random);
        }

        private static NodeRecord record(String name, SplittableRandom random) {
            Map<String, String> labels = new HashMap<>();
            if (random.nextInt(4) != 0) {
                labels.put(POOL, POOLS[random.nextInt(POOLS.length)]);
            }
            labels.put("zone", random.nextBoolean() ? "z1" : "z2");
            return new NodeRecord(name, labels, random.nextInt(5) == 0, true, List.of(), Map.of(), null, null);
        }

        private static NodeSnapshot node(NodeRecord record, int gpus, SplittableRandom random) {
            List<GpuSnapshot> list = new ArrayList<>();
            for (int i = 0; i < gpus; i++) {
                list.add(gpu(record.name(), i, random));
            }
            return new NodeSnapshot(record, list, List.of(), TestFleets.T0, null);
        }

        private static GpuSnapshot gpu(String node, int index, SplittableRandom random) {
            if (random.nextInt(8) == 0) {
                return new GpuSnapshot(index, null, "H100", Health.UNKNOWN, MetricValues.empty(), null, List.of(),
                        List.of());
            }
            double util = random.nextInt(6) == 0 ? 0 : random.nextDouble(100);
            double[] raw = MetricValues.blankArray();
            raw[Metric.GPU_UTIL.ordinal()] = util;
            raw[Metric.FB_USED.ordinal()] = 20_000 + util * 500;
            raw[Metric.FB_FREE.ordinal()] = 60_000 - util * 500;
            raw[Metric.POWER_USAGE.ordinal()] = 100 + util * 5;
            raw[Metric.GPU_TEMP.ordinal()] = random.nextInt(10) == 0 ? 90 : 40 + util * 0.3;
            MetricValues values = MetricValues.wrap(raw);
            List<PodRef> pods = random.nextBoolean() ? List.of(new PodRef("ml-team", "train-" + node, "main"))
                    : List.of();
            return new GpuSnapshot(index, node + "-" + index, "H100", HealthRules.evaluate(values, List.of()), values,
                    TestFleets.T0.plusSeconds(random.nextInt(60)), List.of(), pods);
        }
    }
}
