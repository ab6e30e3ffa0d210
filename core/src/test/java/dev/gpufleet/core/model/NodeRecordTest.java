package dev.gpufleet.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeRecordTest {

    private static NodeRecord node(Map<String, String> labels, Map<String, Long> resources) {
        return new NodeRecord("n", labels, false, true, List.of(), resources, null, null);
    }

    @Test
    void gpuCountPrefersTheGfdLabel() {
        assertThat(node(Map.of("nvidia.com/gpu.count", "8"), Map.of("nvidia.com/mig-1g.10gb", 21L))
                .physicalGpuCount()).isEqualTo(8);
    }

    @Test
    void gpuCountFallsBackToTheResource() {
        assertThat(node(Map.of("nvidia.com/gpu.count", "eight"), Map.of("nvidia.com/gpu", 4L))
                .physicalGpuCount()).isEqualTo(4);
        assertThat(node(Map.of(), Map.of("amd.com/gpu", 8L)).physicalGpuCount()).isEqualTo(8);
        assertThat(node(Map.of(), Map.of()).physicalGpuCount()).isZero();
    }

    @Test
    void partitionedAmdCardsCountOncePerCardNotPerPartition() {
        assertThat(node(Map.of("amd.com/compute-memory-partition", "cpx_nps4",
                "amd.com/gpu.product-name", "AMD_Instinct_MI300X_OAM"), Map.of("amd.com/gpu", 64L))
                .physicalGpuCount()).isEqualTo(8);
        assertThat(node(Map.of("amd.com/compute-memory-partition", "dpx_nps1"), Map.of("amd.com/gpu", 16L))
                .physicalGpuCount()).isEqualTo(8);
        assertThat(node(Map.of("amd.com/compute-memory-partition", "spx_nps1"), Map.of("amd.com/gpu", 8L))
                .physicalGpuCount()).isEqualTo(8);
        assertThat(node(Map.of("amd.com/compute-memory-partition", "cpx_nps1",
                "amd.com/gpu.product-name", "AMD_Instinct_MI300A"), Map.of("amd.com/gpu", 24L))
                .physicalGpuCount()).isEqualTo(4);
    }

    @Test
    void productLabelReadsWithSpaces() {
        assertThat(node(Map.of("nvidia.com/gpu.product", "NVIDIA-A100-SXM4-80GB"), Map.of()).gpuProduct())
                .isEqualTo("NVIDIA A100 SXM4 80GB");
    }

    @Test
    void migSingleStrategyCountsPhysicalGpusNotMigDevices() {
        NodeRecord a100 = node(Map.of("nvidia.com/gpu.count", "56", "nvidia.com/mig.strategy", "single",
                "nvidia.com/gpu.product", "NVIDIA-A100-SXM4-80GB-MIG-1g.10gb", "nvidia.com/gpu.slices.gi", "1"),
                Map.of("nvidia.com/gpu", 56L));
        NodeRecord threeG = node(Map.of("nvidia.com/gpu.count", "16", "nvidia.com/mig.strategy", "single",
                "nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3-MIG-3g.40gb", "nvidia.com/gpu.slices.gi", "3"),
                Map.of());
        NodeRecord mixed = node(Map.of("nvidia.com/gpu.count", "8", "nvidia.com/mig.strategy", "mixed"), Map.of());

        assertThat(a100.physicalGpuCount()).isEqualTo(8);
        assertThat(threeG.physicalGpuCount()).isEqualTo(8);
        assertThat(mixed.physicalGpuCount()).isEqualTo(8);
        assertThat(a100.gpuProduct()).isEqualTo("NVIDIA A100 SXM4 80GB");
    }
}
