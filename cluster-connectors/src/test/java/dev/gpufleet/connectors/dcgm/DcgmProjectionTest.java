package dev.gpufleet.connectors.dcgm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.exposition.ExpositionParser;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.telemetry.GpuSample;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DcgmProjectionTest {

    private static GpuSample only(String text) {
        return DcgmInterpreter.interpret(ExpositionParser.parseText(text.getBytes(StandardCharsets.UTF_8)))
                .toGpuSamples().getFirst();
    }

    @Test
    void valuesArriveInTheCatalogsUnits() {
        GpuSample gpu = only("""
                DCGM_FI_DEV_PCIE_TX_THROUGHPUT{gpu="0",UUID="GPU-a",modelName="NVIDIA A100-SXM4-80GB",Hostname="n"} 1234
                DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="GPU-a",modelName="NVIDIA A100-SXM4-80GB",Hostname="n"} 41
                """);

        assertThat(gpu.values().get(Metric.PCIE_TX_THROUGHPUT)).isEqualTo(1_234_000.0);
        assertThat(gpu.values().get(Metric.GPU_TEMP)).isEqualTo(41.0);
    }

    @Test
    void aMigCardTakesDeviceFieldsOnceAndSumsItsMemoryPartitions() {
        GpuSample gpu = only("""
                DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="GPU-a",modelName="NVIDIA A100-SXM4-80GB",GPU_I_PROFILE="3g.40gb",GPU_I_ID="1",Hostname="n"} 50
                DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="GPU-a",modelName="NVIDIA A100-SXM4-80GB",GPU_I_PROFILE="3g.40gb",GPU_I_ID="2",Hostname="n"} 50
                DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-a",modelName="NVIDIA A100-SXM4-80GB",GPU_I_PROFILE="3g.40gb",GPU_I_ID="1",Hostname="n"} 1000
                DCGM_FI_DEV_FB_USED{gpu="0",UUID="GPU-a",modelName="NVIDIA A100-SXM4-80GB",GPU_I_PROFILE="3g.40gb",GPU_I_ID="2",Hostname="n"} 3000
                DCGM_FI_PROF_GR_ENGINE_ACTIVE{gpu="0",UUID="GPU-a",modelName="NVIDIA A100-SXM4-80GB",GPU_I_PROFILE="3g.40gb",GPU_I_ID="1",Hostname="n"} 0.5
                """);

        assertThat(gpu.mig()).hasSize(2);
        assertThat(gpu.values().get(Metric.GPU_TEMP)).isEqualTo(50.0);
        assertThat(gpu.values().get(Metric.FB_USED)).isEqualTo(4000.0);
        assertThat(gpu.values().isReported(Metric.GR_ENGINE_ACTIVE)).isFalse();
    }
}
