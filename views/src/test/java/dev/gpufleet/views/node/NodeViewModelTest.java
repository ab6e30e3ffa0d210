package dev.gpufleet.views.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.exec.CurrentThreadTaskExecutor;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.topology.GpuTopology;
import dev.gpufleet.core.topology.LinkKind;
import dev.gpufleet.core.topology.NvidiaSmiTopology;
import dev.gpufleet.core.topology.TopologyOrigin;
import dev.gpufleet.core.topology.TopologyProbeException;
import dev.gpufleet.core.topology.TopologySource;
import dev.gpufleet.views.TestFleets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeViewModelTest {

    private final List<String> probed = new ArrayList<>();

    private NodeViewModel model(TopologySource source) {
        return new NodeViewModel("prod", NodeFixtures.NODE, source, new CurrentThreadTaskExecutor(), Runnable::run);
    }

    private TopologySource answering(String text) {
        return (cluster, node) -> {
            probed.add(cluster + "/" + node);
            return NvidiaSmiTopology.parse(text);
        };
    }

    @Test
    void showsTheKnownBoardFirstAndSaysItIsNotProbed() {
        NodeViewModel model = model(answering(NodeFixtures.hgxMatrix()));

        model.update(NodeFixtures.node("NVIDIA-H100-80GB-HBM3", 8, NodeFixtures::utilization, TestFleets.T0));

        GpuTopology shown = model.topologyProperty().get();
        assertThat(shown).isNotNull();
        assertThat(shown.origin()).isEqualTo(TopologyOrigin.KNOWN_BOARD);
        assertThat(shown.link(0, 1).nvlinks()).isEqualTo(18);
        assertThat(model.topologyNoteProperty().get()).contains("By product").contains("not probed");
        assertThat(model.titleProperty().get()).isEqualTo(NodeFixtures.NODE + " — 8 × NVIDIA H100 80GB HBM3");
        assertThat(probed).isEmpty();
        assertThat(model.canProbe()).isTrue();
    }

    @Test
    void aProbeReplacesTheTopologyAndFillsAffinityAndStaysThroughUpdates() {
        NodeViewModel model = model(answering(NodeFixtures.hgxMatrix()));
        model.update(NodeFixtures.node("NVIDIA-H100-80GB-HBM3", 8, NodeFixtures::utilization, TestFleets.T0));
        assertThat(model.gpusProperty().get().get(5).numa()).isEqualTo("?");

        model.probe();
        model.update(NodeFixtures.node("NVIDIA-H100-80GB-HBM3", 8, NodeFixtures::utilization, TestFleets.T0.plusSeconds(5)));

        assertThat(probed).containsExactly("prod/" + NodeFixtures.NODE);
        assertThat(model.topologyProperty().get().origin()).isEqualTo(TopologyOrigin.PROBED);
        assertThat(model.topologyNoteProperty().get()).startsWith("Probed with nvidia-smi topo -m");
        GpuRow gpu5 = model.gpusProperty().get().get(5);
        assertThat(gpu5.numa()).isEqualTo("1");
        assertThat(gpu5.cpus()).isEqualTo("48-95,144-191");
        assertThat(gpu5.utilization()).isEqualTo(50.0);
        assertThat(model.gpusProperty().get().get(3).health()).isEqualTo(Health.FAILING);
        assertThat(model.gpusProperty().get().get(1).pods()).containsExactly("ml/trainer-1");
        assertThat(model.probingProperty().get()).isFalse();
    }

    @Test
    void aTopologyProbedEarlierIsShownAtOnceWithEachGpusNearestNic() {
        String text = "\tGPU0\tGPU1\tNIC0\tNIC1\tCPU Affinity\tNUMA Affinity\n"
                + "GPU0\t X \tNV12\tPIX\tSYS\t0-7\t0\n"
                + "GPU1\tNV12\t X \tSYS\tPIX\t8-15\t1\n"
                + "NIC0\tPIX\tSYS\t X \tSYS\n"
                + "NIC1\tSYS\tPIX\tSYS\t X\n\nLegend:\n\n  X    = Self\n\nNIC Legend:\n\n  NIC0: mlx5_0\n  NIC1: mlx5_1\n";
        TopologySource source = new TopologySource() {
            @Override
            public GpuTopology probe(String cluster, String node) throws TopologyProbeException {
                throw new TopologyProbeException("not expected");
            }

            @Override
            public Optional<GpuTopology> probed(String cluster, String node) {
                return Optional.of(NvidiaSmiTopology.parse(text));
            }
        };
        NodeViewModel model = model(source);

        model.update(NodeFixtures.node("NVIDIA-A100-SXM4-80GB", 2, NodeFixtures::utilization, TestFleets.T0));

        assertThat(model.topologyProperty().get().origin()).isEqualTo(TopologyOrigin.PROBED);
        assertThat(model.topologyNoteProperty().get()).startsWith("Probed earlier");
        assertThat(model.gpusProperty().get().get(1).nics()).containsExactly("mlx5_1");
        assertThat(model.gpusProperty().get().get(1).numa()).isEqualTo("1");
        assertThat(model.gpusProperty().get().get(0).cpus()).isEqualTo("0-7");
    }

    @Test
    void aFailedProbeSaysWhyAndKeepsTheKnownBoard() {
        NodeViewModel model = model((cluster, node) -> {
            throw new TopologyProbeException("Probing the topology needs permission to create pods in namespace "
                    + "\"default\" of prod, which your user lacks (403 Forbidden).");
        });
        model.update(NodeFixtures.node("NVIDIA-L40S", 8, NodeFixtures::utilization, TestFleets.T0));

        model.probe();

        assertThat(model.probeErrorProperty().get()).contains("403 Forbidden").contains("create pods");
        assertThat(model.topologyProperty().get().origin()).isEqualTo(TopologyOrigin.KNOWN_BOARD);
        assertThat(model.topologyProperty().get().link(0, 7).kind()).isEqualTo(LinkKind.SYS);
        assertThat(model.probingProperty().get()).isFalse();
        assertThat(model.trafficProperty().get()).isEqualTo(TrafficMode.NO_NVLINK);
    }

    @Test
    void anUnknownProductHasNoTopologyAndSaysSo() {
        NodeViewModel model = model(answering(NodeFixtures.hgxMatrix()));

        model.update(NodeFixtures.node("NVIDIA-GH200-480GB", 1, NodeFixtures::utilization, TestFleets.T0));

        assertThat(model.topologyProperty().get()).isNull();
        assertThat(model.topologyNoteProperty().get()).startsWith("Topology unknown").contains("NVIDIA-GH200-480GB");
    }

    @Test
    void withoutASourceTheNodeCannotBeProbed() {
        NodeViewModel model = new NodeViewModel("prod", NodeFixtures.NODE, null, new CurrentThreadTaskExecutor(),
                Runnable::run);
        model.update(NodeFixtures.node("NVIDIA-H200", 8, NodeFixtures::utilization, TestFleets.T0));

        model.probe();

        assertThat(model.canProbe()).isFalse();
        assertThat(model.topologyProperty().get().origin()).isEqualTo(TopologyOrigin.KNOWN_BOARD);
    }

    @Test
    void perGpuNvlinkRatesWhenNoPerLinkCountersAreExported() {
        NodeViewModel model = model(answering(NodeFixtures.hgxMatrix()));

        model.update(NodeFixtures.node("NVIDIA-H100-80GB-HBM3", 8, gpu -> {
            double[] raw = NodeFixtures.utilization(gpu);
            raw[Metric.NVLINK_TX_BYTES.ordinal()] = 1e9 * gpu;
            raw[Metric.NVLINK_RX_BYTES.ordinal()] = 2e9;
            return raw;
        }, TestFleets.T0));

        assertThat(model.trafficProperty().get()).isEqualTo(TrafficMode.PER_GPU);
        assertThat(model.gpusProperty().get().get(3).nvlinkTx()).isEqualTo(3e9);
        assertThat(model.gpusProperty().get().get(3).linkRate(0)).isNaN();
    }

    @Test
    void perLinkCountersBecomeRatesBetweenTwoReadings() {
        NodeViewModel model = model(answering(NodeFixtures.hgxMatrix()));
        model.update(NodeFixtures.node("NVIDIA-H100-80GB-HBM3", 8, gpu -> links(gpu, 1_000), TestFleets.T0));
        assertThat(model.trafficProperty().get()).isEqualTo(TrafficMode.NONE);

        model.update(NodeFixtures.node("NVIDIA-H100-80GB-HBM3", 8, gpu -> links(gpu, 5_000), TestFleets.T0.plusSeconds(2)));

        assertThat(model.trafficProperty().get()).isEqualTo(TrafficMode.PER_LINK);
        GpuRow gpu2 = model.gpusProperty().get().get(2);
        assertThat(gpu2.linkRate(0)).isEqualTo(2_000.0 * 2);
        assertThat(gpu2.linkRate(17)).isEqualTo(2_000.0 * 19);
    }

    // Counter of link L on GPU g reads base * (g + L) so every link has its own rate.
    private static double[] links(int gpu, double base) {
        double[] raw = NodeFixtures.utilization(gpu);
        for (int link = 0; link < Metric.nvlinkLinkCount(); link++) {
            raw[Metric.nvlinkBandwidth(link).ordinal()] = base * (gpu + link);
        }
        return raw;
    }
}
