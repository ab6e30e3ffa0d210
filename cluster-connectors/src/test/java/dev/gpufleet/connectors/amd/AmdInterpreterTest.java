package dev.gpufleet.connectors.amd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.dcgm.DcgmInterpreter;
import dev.gpufleet.connectors.exposition.Exposition;
import dev.gpufleet.connectors.exposition.ExpositionParser;
import dev.gpufleet.connectors.testing.Fixtures;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.MigSample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmdInterpreterTest {

    private static final String SHARED_LABELS = "card_series=\"AMD Instinct MI300X OAM\",card_model=\"102-G30211-0C\","
            + "hostname=\"gpu-mi300x-a-002\",gpu_compute_partition_type=\"cpx\",gpu_memory_partition_type=\"nps1\"";

    private static Exposition parse(String text) {
        return ExpositionParser.parseText(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Exposition sharedFixture(String name) throws IOException {
        return ExpositionParser.parseText(Files.readAllBytes(Fixtures.root().resolve("amd").resolve(name)));
    }

    private static Exposition ownFixture(String name) throws IOException {
        try (InputStream in = AmdInterpreterTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return ExpositionParser.parseText(in.readAllBytes());
        }
    }

    @Test
    void mi300xFragmentInSpxAndCpxModesGivesOneCardPerSerial() throws IOException {
        Exposition text = sharedFixture("mi300x-oam-spx-cpx-gpu_gfx_activity-from-code-comments-kaiwo.txt");
        assertThat(text.errorCount()).isZero();

        AmdReading reading = AmdInterpreter.interpret(text);

        assertThat(reading.series()).isEqualTo(3);
        assertThat(reading.gpus()).hasSize(3);
        assertThat(reading.gpus()).extracting(GpuSample::model).containsOnly("AMD Instinct MI300X OAM");
        GpuSample busy = reading.gpus().stream().filter(g -> g.uuid().startsWith("3dff74a1")).findFirst().orElseThrow();
        assertThat(busy.values().get(Metric.GPU_UTIL)).isEqualTo(100.0);
        assertThat(busy.mig()).isEmpty();
        assertThat(busy.pods()).containsExactly(new PodRef("default", "high-utilization-57ls6", "workload"));
        GpuSample cpx = reading.gpus().stream().filter(g -> !g.mig().isEmpty()).findFirst().orElseThrow();
        assertThat(cpx.uuid()).isEqualTo("c3ff74a1-0000-0000-80ff-88426fc31c9e");
        assertThat(cpx.mig()).singleElement().satisfies(partition -> {
            assertThat(partition.profile()).isEqualTo("CPX");
            assertThat(partition.gpuInstanceId()).isZero();
        });
        assertThat(cpx.values().get(Metric.GPU_UTIL)).isZero();
        // That series was stored by Prometheus: its pod label names the exporter, not a workload.
        assertThat(cpx.pods()).isEmpty();
    }

    @Test
    void consumerPartWithEmptyLabelsIsOneGpuWithPower() throws IOException {
        Exposition text = sharedFixture("ryzen-ai-max-395-fedora-gpu_average_package_power-issue353.txt");

        AmdReading reading = AmdInterpreter.interpret(text);

        assertThat(reading.gpus()).singleElement().satisfies(gpu -> {
            assertThat(gpu.index()).isZero();
            assertThat(gpu.uuid()).isEmpty();
            assertThat(gpu.model()).isNull();
            assertThat(gpu.pods()).isEmpty();
            assertThat(gpu.mig()).isEmpty();
            assertThat(gpu.values().get(Metric.POWER_USAGE)).isZero();
        });
    }

    @Test
    void fullSpxScrapeMapsEveryColumn() throws IOException {
        AmdReading reading = AmdInterpreter.interpret(ownFixture("mi300x-8gpu-spx-full-scrape.txt"));

        assertThat(reading.gpus()).extracting(GpuSample::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        GpuSample busy = reading.gpus().get(0);
        assertThat(busy.uuid()).isEqualTo("00ff74a1-0000-1000-80e0-c6d49f5b0d80");
        assertThat(busy.values().get(Metric.GPU_UTIL)).isEqualTo(97.0);
        assertThat(busy.values().get(Metric.MEM_COPY_UTIL)).isEqualTo(41.0);
        assertThat(busy.values().get(Metric.FB_USED)).isEqualTo(180224.0);
        assertThat(busy.values().get(Metric.FB_FREE)).isEqualTo(196592.0 - 180224.0);
        assertThat(busy.values().get(Metric.FB_TOTAL)).isEqualTo(196592.0);
        assertThat(busy.values().get(Metric.POWER_USAGE)).as("current beats average power").isEqualTo(712.0);
        assertThat(busy.values().get(Metric.GPU_TEMP)).as("junction, not the MI300's zero edge").isEqualTo(78.0);
        assertThat(busy.values().get(Metric.MEMORY_TEMP)).isEqualTo(61.0);
        assertThat(busy.values().get(Metric.SM_CLOCK)).as("fastest XCD").isEqualTo(2100.0);
        assertThat(busy.values().get(Metric.MEM_CLOCK)).isEqualTo(1300.0);
        assertThat(busy.values().get(Metric.TOTAL_ENERGY)).isEqualTo(1.2345678e9);
        assertThat(busy.values().get(Metric.ECC_DBE_VOL)).isZero();
        assertThat(busy.pods()).containsExactly(new PodRef("ml-team", "train-llama-0", "trainer"));
        assertThat(reading.gpus().get(5).values().get(Metric.ECC_SBE_VOL)).isEqualTo(3.0);
        assertThat(reading.gpus().get(5).pods()).isEmpty();
        assertThat(reading.unattributedSeries()).isZero();
        assertThat(reading.hostnames()).hasSize(8).containsEntry(0, "gpu-mi300x-a-001");
    }

    @Test
    void cpxPartitionsBecomeInstancesOfTheirCard() {
        StringBuilder text = new StringBuilder();
        for (int card = 0; card < 2; card++) {
            for (int partition = 0; partition < 8; partition++) {
                String labels = "{" + SHARED_LABELS + ",gpu_id=\"" + (card * 8 + partition) + "\",gpu_partition_id=\""
                        + partition + "\",serial_number=\"SN" + card + "\",gpu_uuid=\"u" + card + "-" + partition
                        + "\"" + (partition == 1 ? ",pod=\"p1\",namespace=\"ns\"" : "") + "}";
                text.append("gpu_gfx_activity").append(labels).append(' ').append(partition * 10).append('\n');
                text.append("gpu_used_vram").append(labels).append(" 1000\n");
                text.append("gpu_total_vram").append(labels).append(" 196592\n");
                if (partition == 0) {
                    text.append("gpu_package_power").append(labels).append(" 650\n");
                    text.append("gpu_junction_temperature").append(labels).append(" 70\n");
                }
            }
        }

        List<GpuSample> gpus = AmdInterpreter.interpret(parse(text.toString())).gpus();

        assertThat(gpus).extracting(GpuSample::index).containsExactly(0, 1);
        GpuSample first = gpus.getFirst();
        assertThat(first.uuid()).isEqualTo("u0-0");
        assertThat(first.mig()).extracting(MigSample::gpuInstanceId).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(first.mig()).extracting(MigSample::profile).containsOnly("CPX");
        assertThat(first.mig().get(3).values().get(Metric.GPU_UTIL)).isEqualTo(30.0);
        assertThat(first.values().get(Metric.GPU_UTIL)).as("mean of equal partitions").isEqualTo(35.0);
        assertThat(first.values().get(Metric.POWER_USAGE)).isEqualTo(650.0);
        assertThat(first.values().get(Metric.GPU_TEMP)).isEqualTo(70.0);
        assertThat(first.values().get(Metric.FB_TOTAL)).as("NPS1: one shared pool").isEqualTo(196592.0);
        assertThat(first.mig().get(1).pods()).containsExactly(new PodRef("ns", "p1", null));
        assertThat(first.pods()).containsExactly(new PodRef("ns", "p1", null));
    }

    @Test
    void partitionsWithoutSerialStaySeparateGpus() {
        String text = "gpu_gfx_activity{gpu_id=\"0\",gpu_compute_partition_type=\"cpx\",gpu_partition_id=\"0\"} 5\n"
                + "gpu_gfx_activity{gpu_id=\"1\",gpu_compute_partition_type=\"cpx\",gpu_partition_id=\"1\"} 6\n";

        List<GpuSample> gpus = AmdInterpreter.interpret(parse(text)).gpus();

        assertThat(gpus).extracting(GpuSample::index).containsExactly(0, 1);
        assertThat(gpus).allSatisfy(gpu -> assertThat(gpu.mig()).isEmpty());
    }

    @Test
    void uppercaseLabelNamesAndOddValuesAreRead() {
        String text = "GPU_GFX_ACTIVITY{GPU_ID=\"3\",SERIAL_NUMBER=\"S, [3] x\",CARD_SERIES=\"AMD Instinct MI300X"
                + " (OAM), rev [A]\",HOSTNAME=\"n1\",POD=\"\",NAMESPACE=\"\"} 42\n"
                + "gpu_edge_temperature{GPU_ID=\"3\",SERIAL_NUMBER=\"S, [3] x\"} 51\n"
                + "gpu_used_vram{gpu_id=\"3\",serial_number=\"S, [3] x\"} 2048\n"
                + "gpu_total_vram{gpu_id=\"3\",serial_number=\"S, [3] x\"} 4096\n";

        List<GpuSample> gpus = AmdInterpreter.interpret(parse(text)).gpus();

        assertThat(gpus).singleElement().satisfies(gpu -> {
            assertThat(gpu.index()).isEqualTo(3);
            assertThat(gpu.uuid()).isEqualTo("S, [3] x");
            assertThat(gpu.model()).isEqualTo("AMD Instinct MI300X (OAM), rev [A]");
            assertThat(gpu.values().get(Metric.GPU_UTIL)).isEqualTo(42.0);
            assertThat(gpu.values().get(Metric.GPU_TEMP)).isEqualTo(51.0);
            assertThat(gpu.values().memoryUsedPercent()).isEqualTo(50.0);
            assertThat(gpu.pods()).isEmpty();
        });
    }

    @Test
    void dispatcherKeepsNvidiaAndNumbersAmdAfterIt() {
        String text = "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",UUID=\"GPU-a\",modelName=\"NVIDIA H100\"} 10\n"
                + "gpu_gfx_activity{gpu_id=\"0\",serial_number=\"S0\"} 20\n";
        Exposition exposition = parse(text);

        List<GpuSample> gpus = GpuExpositionInterpreter.gpuSamples(exposition, DcgmInterpreter.interpret(exposition));

        assertThat(gpus).extracting(GpuSample::index).containsExactly(0, 1);
        assertThat(gpus).extracting(GpuSample::uuid).containsExactly("GPU-a", "S0");
    }

    @Test
    void dcgmTextHasNoAmdGpus() {
        String text = "DCGM_FI_DEV_GPU_UTIL{gpu=\"0\",UUID=\"GPU-a\"} 10\n";
        assertThat(AmdInterpreter.interpret(parse(text)).gpus()).isEmpty();
    }
}
