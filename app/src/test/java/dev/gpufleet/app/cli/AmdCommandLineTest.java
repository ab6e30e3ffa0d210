package dev.gpufleet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.FleetPlanner;
import dev.gpufleet.sim.metrics.AmdExporter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `metrics parse` and `sim` with AMD GPUs: the exporter is detected from the text.
class AmdCommandLineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE =
            "cluster-connectors/src/test/resources/dev/gpufleet/connectors/amd/mi300x-8gpu-spx-full-scrape.txt";

    @TempDir
    Path dir;

    private static Path sample() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            if (Files.exists(at.resolve(SAMPLE))) {
                return at.resolve(SAMPLE);
            }
        }
        throw new IllegalStateException(SAMPLE + " not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void metricsParseReadsTheMi300xSampleAsAmdText() throws Exception {
        CliRun run = CliRun.of("metrics", "parse", sample().toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("exporter").asText()).isEqualTo("amd-device-metrics-exporter");
        assertThat(root.get("gpus")).hasSize(8);
        JsonNode first = root.at("/gpus/0");
        assertThat(first.get("uuid").asText()).isEqualTo("00ff74a1-0000-1000-80e0-c6d49f5b0d80");
        assertThat(first.get("model").asText()).isEqualTo("AMD Instinct MI300X OAM");
        assertThat(first.get("hostname").asText()).isEqualTo("gpu-mi300x-a-001");
        assertThat(first.at("/metrics/DCGM_FI_DEV_GPU_UTIL").asDouble()).isEqualTo(97.0);
        assertThat(first.at("/metrics/DCGM_FI_DEV_POWER_USAGE").asDouble()).isEqualTo(712.0);
        assertThat(first.at("/pods/0/pod").asText()).isEqualTo("train-llama-0");
        assertThat(first.get("mig")).isEmpty();
        assertThat(root.get("series").asInt()).isPositive();
        assertThat(root.get("errors")).isEmpty();
    }

    @Test
    void metricsParseSummaryNamesTheExporter() {
        CliRun run = CliRun.of("metrics", "parse", sample().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("AMD device-metrics-exporter text: 8 GPUs, 0 partitions, 1 pod,")
                .contains("GPU 0  00ff74a1-0000-1000-80e0-c6d49f5b0d80  AMD Instinct MI300X OAM  on gpu-mi300x-a-001"
                        + "  util 97%  power 712 W  temp 78 C  pods: ml-team/train-llama-0");
    }

    @Test
    void simulatedCpxTextParsesIntoCardsWithTheirPartitions() throws Exception {
        Fleet fleet = FleetPlanner.plan(1, 2, 8, 42);
        int cpx = fleet.nodeIndex("gpu-mi300x-a-002");
        String text = new AmdExporter(fleet, pod -> true, pod -> new String[] {"c", "ns", "p" + pod}).scrape(cpx, 60);
        Path file = Files.writeString(dir.resolve("cpx.txt"), text);

        CliRun run = CliRun.of("metrics", "parse", file.toString(), "--format", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode gpus = JSON.readTree(run.out()).get("gpus");
        assertThat(gpus).hasSize(8);
        for (JsonNode gpu : gpus) {
            assertThat(gpu.get("mig")).hasSize(8);
            assertThat(gpu.at("/mig/7/profile").asText()).isEqualTo("CPX");
            assertThat(gpu.at("/metrics/DCGM_FI_DEV_FB_TOTAL").asDouble()).isBetween(196_500.0, 196_592.0);
        }
    }

    @Test
    void simTakesAmdNodesAndRejectsANegativeCount() {
        assertThat(CliRun.of("sim", "--help").out()).contains("--amd-nodes=N");

        CliRun run = CliRun.of("sim", "--amd-nodes", "-1");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("AMD nodes must be between 0 and");
    }
}
