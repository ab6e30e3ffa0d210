package dev.gpufleet.core.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownBoardsTest {

    @Test
    void hgxH100AndH200AreNv18ThroughNvSwitch() {
        for (String product : new String[] {"NVIDIA-H100-80GB-HBM3", "NVIDIA-H200", "NVIDIA-H100-SXM5-80GB"}) {
            GpuTopology topo = KnownBoards.lookup(product, 8).orElseThrow();
            assertThat(topo.link(0, 7)).as(product).isEqualTo(Link.nvlink(18, true));
            assertThat(topo.origin()).isEqualTo(TopologyOrigin.KNOWN_BOARD);
            assertThat(topo.description()).contains("not probed");
            assertThat(topo.affinity(3).isKnown()).isFalse();
        }
    }

    @Test
    void hgxA100IsNv12ThroughNvSwitchAndTheFourGpuBoardDirectNv4() {
        assertThat(KnownBoards.lookup("NVIDIA-A100-SXM4-80GB", 8).orElseThrow().link(2, 5))
                .isEqualTo(Link.nvlink(12, true));
        assertThat(KnownBoards.lookup("NVIDIA-A100-SXM4-40GB", 4).orElseThrow().link(0, 3))
                .isEqualTo(Link.nvlink(4, false));
        assertThat(KnownBoards.lookup("NVIDIA-A100-SXM4-80GB-MIG-1g.10gb", 8)).isPresent();
    }

    @Test
    void pcieCardsSplitOverTwoSockets() {
        GpuTopology topo = KnownBoards.lookup("NVIDIA-L40S", 8).orElseThrow();

        assertThat(topo.link(0, 3).kind()).isEqualTo(LinkKind.NODE);
        assertThat(topo.link(3, 4).kind()).isEqualTo(LinkKind.SYS);
        assertThat(topo.affinity(5).firstNumaNode()).isEqualTo(1);
        assertThat(topo.affinity(5).cpus()).isNull();
        assertThat(topo.hasNvSwitch()).isFalse();
        assertThat(KnownBoards.lookup("NVIDIA-A10G", 4).orElseThrow().link(1, 2).kind()).isEqualTo(LinkKind.SYS);
        assertThat(KnownBoards.lookup("NVIDIA-H100-PCIe", 2)).isPresent();
    }

    @Test
    void unknownProductsAndCountsGiveNothing() {
        assertThat(KnownBoards.lookup("NVIDIA-GH200-480GB", 1)).isEmpty();
        assertThat(KnownBoards.lookup("NVIDIA-H100-NVL", 2)).isEmpty();
        assertThat(KnownBoards.lookup("NVIDIA-H200-NVL", 8)).isEmpty();
        assertThat(KnownBoards.lookup("NVIDIA-H100-80GB-HBM3", 5)).isEmpty();
        assertThat(KnownBoards.lookup("AMD-Instinct-MI300X", 8)).isEmpty();
        assertThat(KnownBoards.lookup("NVIDIA-L40S", 0)).isEmpty();
    }
}
