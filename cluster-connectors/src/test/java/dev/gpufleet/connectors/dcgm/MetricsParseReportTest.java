package dev.gpufleet.connectors.dcgm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpufleet.connectors.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetricsParseReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static java.util.List<String> names(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void jsonHasExactlyTheDocumentedShape() throws Exception {
        MetricsParseReport report = MetricsParseReport.of(
                Fixtures.dcgmBytes("h100-mig-1g10gb-k8s-pod-labels-issue512-EXCERPT.txt"));

        JsonNode root = MAPPER.readTree(report.toJson());

        assertThat(names(root)).containsExactly("gpus", "series", "errors");
        assertThat(root.get("series").asInt()).isEqualTo(3);
        assertThat(root.get("errors").isArray()).isTrue();
        JsonNode gpu = root.get("gpus").get(0);
        assertThat(names(gpu)).containsExactly("uuid", "gpu", "model", "hostname", "mig", "pods", "metrics");
        assertThat(gpu.get("uuid").asText()).isEqualTo("GPU-58e8f5ea-13cc-013a-d88f-2bcf5ae8bc77");
        assertThat(gpu.get("gpu").asInt()).isZero();
        assertThat(gpu.get("hostname").asText()).isEqualTo("gsrh100-074");
        JsonNode instance = gpu.get("mig").get(0);
        assertThat(names(instance)).containsExactly("gi", "profile", "metrics");
        assertThat(instance.get("gi").asInt()).isEqualTo(7);
        assertThat(instance.get("profile").asText()).isEqualTo("1g.10gb");
        assertThat(instance.get("metrics").get("DCGM_FI_PROF_GR_ENGINE_ACTIVE").asDouble()).isZero();
        JsonNode pod = gpu.get("pods").get(0);
        assertThat(names(pod)).containsExactly("namespace", "pod", "container");
        assertThat(pod.get("container").asText()).isEqualTo("kserve-container");
        assertThat(gpu.get("pods")).hasSize(2);
    }

    @Test
    void jsonListsErrorsAndWritesNonFiniteValuesAsStrings() throws Exception {
        byte[] text = """
                DCGM_FI_DEV_GPU_TEMP{gpu="1",device="nvidia1"} NaN
                DCGM_FI_DEV_POWER_USAGE{gpu="1",device="nvidia1"} +Inf
                DCGM_FI_DEV_SERIAL{gpu="1",device="nvidia1"} ERROR - FAILED TO CONVERT TO STRING
                go_goroutines 12
                """.getBytes(StandardCharsets.UTF_8);

        MetricsParseReport report = MetricsParseReport.of(text);
        JsonNode root = MAPPER.readTree(report.toJson());

        JsonNode gpu = root.get("gpus").get(0);
        assertThat(gpu.get("uuid").isNull()).isTrue();
        assertThat(gpu.get("gpu").asInt()).isEqualTo(1);
        assertThat(gpu.get("model").isNull()).isTrue();
        assertThat(gpu.get("metrics").get("DCGM_FI_DEV_GPU_TEMP").asText()).isEqualTo("NaN");
        assertThat(gpu.get("metrics").get("DCGM_FI_DEV_POWER_USAGE").asText()).isEqualTo("Infinity");
        assertThat(root.get("series").asInt()).isEqualTo(3);
        assertThat(root.get("errors")).hasSize(1);
        assertThat(root.get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(root.get("errors").get(0).get("message").asText()).contains("not a number");
        assertThat(report.toSummary()).contains("1 other series");
    }

    @Test
    void summaryCountsWhatTheTextSaid() {
        MetricsParseReport report = MetricsParseReport.of(
                Fixtures.dcgmBytes("a30-2gpu-mig-1g6gb-fb-free-issue317-EXCERPT.txt"));

        String summary = report.toSummary();

        assertThat(summary).startsWith("2 GPUs, 6 MIG instances, 0 pods, 6 series, 0 errors\n");
        assertThat(summary).contains("MIG: 3=1g.6gb 4=1g.6gb 5=1g.6gb 6=1g.6gb");
        assertThat(summary).contains("on yg-data-k8s-gpu-a30-node-test-test0003.mt");
    }

    @Test
    void gpusWithoutIndexOrUuidStillBecomeSamples() {
        byte[] text = """
                DCGM_FI_DEV_GPU_UTIL{device="nvidia2"} 5
                DCGM_FI_DEV_GPU_UTIL{hostname="h",gpu="x",device="mystery"} 7
                """.getBytes(StandardCharsets.UTF_8);

        DcgmReading reading = MetricsParseReport.of(text).reading();

        assertThat(reading.gpus()).extracting(DcgmGpu::index).containsExactly(2, -1);
        assertThat(reading.gpus().get(1).hostname()).isEqualTo("h");
        assertThat(reading.toGpuSamples()).extracting(s -> s.index()).containsExactly(2, 0);
        assertThat(reading.toGpuSamples()).extracting(s -> s.uuid()).containsOnly("");
    }
}
