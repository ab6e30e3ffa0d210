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
    void productLabelReadsWithSpaces() {
        assertThat(node(Map.of("nvidia.com/gpu.product", "NVIDIA-A100-SXM4-80GB"), Map.of()).gpuProduct())
                .isEqualTo("NVIDIA A100 SXM4 80GB");
    }
}
