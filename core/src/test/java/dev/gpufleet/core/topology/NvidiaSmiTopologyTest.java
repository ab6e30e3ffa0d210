package dev.gpufleet.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class NvidiaSmiTopologyTest {

    static String sample(String name) {
        try (InputStream in = Objects.requireNonNull(NvidiaSmiTopologyTest.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void realSingleH200CaptureWithAnsiHeaderAndEmptyField() {
        GpuTopology topo = NvidiaSmiTopology.parse(sample("h200-1gpu-driver580.txt"));

        assertThat(topo.gpus()).containsExactly("GPU0");
        assertThat(topo.nics()).isEmpty();
        assertThat(topo.link(0, 0)).isEqualTo(Link.SELF);
        assertThat(topo.affinity(0)).isEqualTo(new GpuAffinity("0-15", "0", null));
        assertThat(topo.affinity(0).cpuCount()).isEqualTo(16);
        assertThat(topo.origin()).isEqualTo(TopologyOrigin.PROBED);
    }

    @Test
    void dgxA100HasNv12ThroughNvSwitchAndNicsFromTheLegend() {
        GpuTopology topo = NvidiaSmiTopology.parse(sample("dgx-a100-8gpu-10nic-spaces.txt"));

        assertThat(topo.gpuCount()).isEqualTo(8);
        assertThat(topo.link(0, 7)).isEqualTo(Link.nvlink(12, true));
        assertThat(topo.link(3, 3).kind()).isEqualTo(LinkKind.SELF);
        assertThat(topo.hasNvSwitch()).isTrue();
        assertThat(topo.nics()).hasSize(10);
        assertThat(topo.nics().get(9)).isEqualTo(new Nic("NIC9", "mlx5_9"));
        assertThat(topo.nicLink(2, 2).kind()).isEqualTo(LinkKind.PXB);
        assertThat(topo.nicLink(2, 0).kind()).isEqualTo(LinkKind.SYS);
        assertThat(topo.closestNics(4)).extracting(Nic::device).containsExactly("mlx5_4", "mlx5_5");
        assertThat(topo.affinity(4)).isEqualTo(new GpuAffinity("112-127,240-255", "7", null));
        assertThat(topo.affinity(0).cpuCount()).isEqualTo(32);
    }

    @Test
    void hgxH100WithTabsAnsiHeaderAndStorageNic() {
        GpuTopology topo = NvidiaSmiTopology.parse(sample("hgx-h100-8gpu-9nic-tabs.txt"));

        assertThat(topo.link(1, 6)).isEqualTo(Link.nvlink(18, true));
        assertThat(topo.nics()).extracting(Nic::device).startsWith("mlx5_0", "mlx5_1").hasSize(9);
        assertThat(topo.nicLink(0, 0).kind()).isEqualTo(LinkKind.SYS);
        assertThat(topo.closestNics(0)).extracting(Nic::id).containsExactly("NIC8");
        assertThat(topo.affinity(0).numaNodes()).isEqualTo("0");
        assertThat(topo.affinity(7)).isEqualTo(new GpuAffinity("80-159", "1", null));
    }

    @Test
    void pcieServerWithoutNvlinkAndALastRowWithoutTrailingTab() {
        GpuTopology topo = NvidiaSmiTopology.parse(sample("pcie-8gpu-sys-2nic-tabs.txt"));

        assertThat(topo.hasNvSwitch()).isFalse();
        assertThat(topo.link(0, 5).kind()).isEqualTo(LinkKind.SYS);
        assertThat(topo.nicLink(6, 1).kind()).isEqualTo(LinkKind.PHB);
        assertThat(topo.affinity(5).firstNumaNode()).isEqualTo(1);
    }

    @Test
    void fivePcieCardsOverTwoSockets() {
        GpuTopology topo = NvidiaSmiTopology.parse(sample("pcie-5gpu-node-phb-spaces.txt"));

        assertThat(topo.gpuCount()).isEqualTo(5);
        assertThat(topo.link(1, 2).kind()).isEqualTo(LinkKind.PHB);
        assertThat(topo.link(1, 3).kind()).isEqualTo(LinkKind.NODE);
        assertThat(topo.link(0, 4).kind()).isEqualTo(LinkKind.SYS);
        assertThat(topo.affinity(0)).isEqualTo(new GpuAffinity("8-15,24-31", "1", null));
    }

    @Test
    void olderDriverNamesNicByDeviceAndPrintsOnlyCpuAffinity() {
        GpuTopology topo = NvidiaSmiTopology.parse(sample("legacy-8gpu-mlx4-cpu-affinity-only.txt"));

        assertThat(topo.nics()).containsExactly(new Nic("mlx4_0", "mlx4_0"));
        assertThat(topo.link(0, 1).kind()).isEqualTo(LinkKind.PIX);
        assertThat(topo.link(0, 2).kind()).isEqualTo(LinkKind.PHB);
        assertThat(topo.affinity(6)).isEqualTo(new GpuAffinity("10-19,30-39", null, null));
    }

    @Test
    void nv8ToSevenPeersIsThroughNvSwitchWithoutGpuNumaIdColumn() {
        GpuTopology topo = NvidiaSmiTopology.parse(sample("hgx-a800-8gpu-nv8-no-gpu-numa-id.txt"));

        assertThat(topo.link(0, 1)).isEqualTo(Link.nvlink(8, true));
        assertThat(topo.nics().get(8).device()).isEqualTo("mlx5_bond_0");
        assertThat(topo.affinity(4)).isEqualTo(new GpuAffinity("48-95,144-191", "1", null));
    }

    @Test
    void directNvlinkPairIsNotThroughASwitch() {
        GpuTopology topo = NvidiaSmiTopology.parse("""
                \tGPU0\tGPU1\tCPU Affinity\tNUMA Affinity\tGPU NUMA ID
                GPU0\t X \tNV12\t0-31\t0\t\tN/A
                GPU1\tNV12\t X \t0-31\t0\t\t1
                """);

        assertThat(topo.link(0, 1)).isEqualTo(Link.nvlink(12, false));
        assertThat(topo.affinity(1).gpuNumaId()).isEqualTo(1);
    }

    @Test
    void cpuCountsSurviveOddLists() {
        assertThat(new GpuAffinity("0-3,8,10-11", null, null).cpuCount()).isEqualTo(7);
        assertThat(new GpuAffinity("99999999999", null, null).cpuCount()).isEqualTo(1);
        assertThat(new GpuAffinity("5-2", null, null).cpuCount()).isZero();
        assertThat(new GpuAffinity("0-99999999999999999999", null, null).cpuCount()).isZero();
        assertThat(GpuAffinity.UNKNOWN.cpuCount()).isZero();
        assertThat(new GpuAffinity(null, "0-1", null).firstNumaNode()).isZero();
    }

    @Test
    void badInputNamesTheLine() {
        assertThatThrownBy(() -> NvidiaSmiTopology.parse(""))
                .isInstanceOf(TopologyFormatException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> NvidiaSmiTopology.parse("No devices were found\n"))
                .hasMessageContaining("line 1").hasMessageContaining("No devices were found");
        assertThatThrownBy(() -> NvidiaSmiTopology.parse("\tGPU0\tGPU1\nGPU0\t X \tNV4\nGPU1\tNVX\t X \n"))
                .isInstanceOfSatisfying(TopologyFormatException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("\"NVX\" is not a link kind");
        assertThatThrownBy(() -> NvidiaSmiTopology.parse("\tGPU0\tGPU1\nGPU0\t X \tNV4\n"))
                .hasMessageContaining("line 1").hasMessageContaining("no row follows for it").hasMessageContaining("GPU1");
        assertThatThrownBy(() -> NvidiaSmiTopology.parse("\tGPU0\tGPU1\nGPU0\t X\nGPU1\tSYS\t X\n"))
                .hasMessageContaining("line 2").hasMessageContaining("has 1 cells");
        assertThatThrownBy(() -> NvidiaSmiTopology.parse("\tGPU0\tGPU1\nGPU0\tSYS\tSYS\n"))
                .hasMessageContaining("line 2").hasMessageContaining("should read X");
        assertThatThrownBy(() -> NvidiaSmiTopology.parse("\tGPU0\tCPU Affinity\nGPU0\t X \tall\n"))
                .hasMessageContaining("line 2").hasMessageContaining("not a CPU list");
        assertThatThrownBy(() -> NvidiaSmiTopology.parse("\tGPU0\tCPU Affinity\tPower\nGPU0\t X \t0-3\n"))
                .hasMessageContaining("line 1").hasMessageContaining("unknown column \"Power\"");
        assertThatThrownBy(() -> NvidiaSmiTopology.parse("\tGPU0\nGPU0\t X\nGPU9\t X\n"))
                .hasMessageContaining("line 3").hasMessageContaining("GPU9");
    }
}
