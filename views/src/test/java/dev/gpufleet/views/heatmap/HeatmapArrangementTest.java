package dev.gpufleet.views.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.model.NodeRecord;
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
import org.junit.jupiter.api.Test;

/// Grouping, sorting and filtering as the topology and frame see them, without a window.
class HeatmapArrangementTest {

    private static final String POOL = "karpenter.sh/nodepool";

    /// Node `n` is in pool a (even n), b (odd n) or none (n = 5); its GPUs run at `utils[n]`.
    private static final double[] UTILS = {10, 80, 50, 95, 30, 60};

    private static FleetSnapshot fleet() {
        List<NodeSnapshot> nodes = new ArrayList<>();
        for (int n = 0; n < UTILS.length; n++) {
            String name = "node-" + n;
            Map<String, String> labels = new HashMap<>();
            if (n != 5) {
                labels.put(POOL, n % 2 == 0 ? "a" : "b");
            }
            labels.put("topology.kubernetes.io/zone", n < 3 ? "z1" : "z2");
            List<GpuSnapshot> gpus = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                gpus.add(TestFleets.healthyGpu(name, i, UTILS[n] + i));
            }
            NodeRecord record = new NodeRecord(name, labels, false, true, List.of(), Map.of(), null, null);
            nodes.add(new NodeSnapshot(record, gpus, List.of(), TestFleets.T0, null));
        }
        ClusterSnapshot cluster = new ClusterSnapshot("c1", ConnectionStatus.of(ConnectionState.LIVE, TestFleets.T0),
                nodes);
        return new FleetSnapshot(1, TestFleets.T0, List.of(cluster));
    }

    private static HeatmapTopology topology(HeatmapArrangement arrangement) {
        return HeatmapTopology.of(fleet(), arrangement);
    }

    private static List<String> nodes(HeatmapTopology topology) {
        List<String> names = new ArrayList<>();
        for (int n = 0; n < topology.nodeCount(); n++) {
            names.add(topology.nodeName(n));
        }
        return names;
    }

    private static List<String> groups(HeatmapTopology topology) {
        List<String> names = new ArrayList<>();
        for (int g = 0; g < topology.groupCount(); g++) {
            names.add(topology.groupName(g) + ":" + (topology.endNode(g) - topology.firstNode(g)));
        }
        return names;
    }

    @Test
    void byDefaultOneGroupPerClusterInNameOrder() {
        HeatmapTopology topology = topology(HeatmapArrangement.DEFAULT);

        assertThat(groups(topology)).containsExactly("c1:6");
        assertThat(nodes(topology)).containsExactly("node-0", "node-1", "node-2", "node-3", "node-4", "node-5");
    }

    @Test
    void groupsByALabelsValueWithNodesLackingItLast() {
        HeatmapTopology topology = topology(HeatmapArrangement.DEFAULT.withGroupLabel(POOL));

        assertThat(groups(topology)).containsExactly("c1 › a:3", "c1 › b:2", "c1 › no " + POOL + ":1");
        assertThat(nodes(topology)).containsExactly("node-0", "node-2", "node-4", "node-1", "node-3", "node-5");
        assertThat(topology.groupOfNode(3)).isEqualTo(1);
        assertThat(topology.clusterName(topology.clusterOfNode(5))).isEqualTo("c1");
    }

    @Test
    void sortsByUtilizationWithinEachGroup() {
        HeatmapTopology topology = topology(new HeatmapArrangement(POOL, HeatmapSort.UTILIZATION, HeatmapFilter.ALL));

        assertThat(nodes(topology)).containsExactly("node-2", "node-4", "node-0", "node-3", "node-1", "node-5");
    }

    @Test
    void sortsByHealthWorstFirst() {
        FleetSnapshot demo = TestFleets.demo(1, 0);
        HeatmapTopology topology = HeatmapTopology.of(demo, HeatmapArrangement.DEFAULT.withSort(HeatmapSort.HEALTH));

        assertThat(topology.nodeName(0)).isEqualTo(TestFleets.nodeName("prod-east", 1));
        assertThat(topology.nodeName(1)).as("warnings next: the hot GPU")
                .isEqualTo(TestFleets.nodeName("prod-east", 3));
        assertThat(topology.nodeName(2)).as("then no telemetry").isEqualTo(TestFleets.nodeName("prod-east", 2));
    }

    @Test
    void theFrameReadsValuesInTheArrangedOrder() {
        HeatmapFrame frame = HeatmapFrame.extract(fleet(), HeatmapMetric.UTILIZATION, null,
                new HeatmapArrangement(null, HeatmapSort.UTILIZATION, HeatmapFilter.ALL));

        assertThat(frame.node(0).name()).isEqualTo("node-3");
        assertThat(frame.value(0)).isEqualTo(95);
        assertThat(frame.value(3)).isEqualTo(98);
        assertThat(frame.node(4).name()).isEqualTo("node-1");
        assertThat(frame.ordinalOf(new GpuSelection("c1", "node-0", 2, null))).isEqualTo(4 * 5 + 2);
    }

    @Test
    void filtersHideNodesAndGpus() throws Exception {
        HeatmapFrame frame = HeatmapFrame.extract(fleet(), HeatmapMetric.UTILIZATION, null,
                HeatmapArrangement.DEFAULT.withFilter(HeatmapFilter.parse("-l topology.kubernetes.io/zone=z2")));

        assertThat(nodes(frame.topology())).containsExactly("node-3", "node-4", "node-5");
        assertThat(frame.gpuCount()).isEqualTo(12);
    }

    @Test
    void aGpuFilterKeepsOnlyMatchingGpusAndNodesWithAny() throws Exception {
        FleetSnapshot demo = TestFleets.demo(1, 0);
        HeatmapFrame frame = HeatmapFrame.extract(demo, HeatmapMetric.UTILIZATION, null,
                HeatmapArrangement.DEFAULT.withFilter(HeatmapFilter.parse("health>=warning")));

        assertThat(frame.gpuCount()).isEqualTo(2);
        assertThat(frame.selectionAt(0)).isEqualTo(new GpuSelection("prod-east", TestFleets.nodeName("prod-east", 1),
                2, TestFleets.uuid(TestFleets.nodeName("prod-east", 1), 2)));
        assertThat(frame.gpu(1).index()).isZero();
        assertThat(frame.topology().gpuPosition(1)).isZero();
        assertThat(groups(frame.topology())).containsExactly("prod-east:2");
    }

    @Test
    void anUnfilteredClusterWithoutGpuNodesKeepsItsHeader() {
        FleetSnapshot fleet = new FleetSnapshot(1, TestFleets.T0, List.of(
                new ClusterSnapshot("empty", ConnectionStatus.of(ConnectionState.LIVE, TestFleets.T0), List.of()),
                fleet().clusters().getFirst()));

        assertThat(groups(HeatmapTopology.of(fleet))).containsExactly("empty:0", "c1:6");
    }

    @Test
    void theSameArrangementOfNewReadingsKeepsTheShape() {
        HeatmapArrangement byPool = HeatmapArrangement.DEFAULT.withGroupLabel(POOL);

        assertThat(topology(byPool).sameShape(topology(byPool))).isTrue();
        assertThat(topology(byPool).sameShape(topology(HeatmapArrangement.DEFAULT))).isFalse();
    }
}
