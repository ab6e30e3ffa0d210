package dev.gpufleet.connectors.dcgm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.exposition.Exposition;
import dev.gpufleet.connectors.exposition.ExpositionParser;
import dev.gpufleet.connectors.exposition.Sample;
import dev.gpufleet.connectors.testing.Fixtures;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.MigSample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/// Real dcgm-exporter captures, read as they are (see shared/fixtures/README.md).
class DcgmFixturesTest {

    private static final String L4 = "l4-eks-kops-gpu-operator-driver580-full-scrape.txt";
    private static final String H100_PODS = "h100-8gpu-eks-gpu-operator-sampled-no-help-pod-labels.txt";
    private static final String DATADOG = "t4-a10g-datadog-fixture-mixed-real-and-dummy.txt";
    private static final String OLD_CRLF = "8gb-gpu-exporter-2.0.13-old-format-help-block-then-samples.txt";
    private static final String A30_MIG = "a30-2gpu-mig-1g6gb-fb-free-issue317-EXCERPT.txt";
    private static final String H100_MIG = "h100-mig-1g10gb-k8s-pod-labels-issue512-EXCERPT.txt";

    private static DcgmReading read(String fixture) {
        return DcgmInterpreter.interpret(ExpositionParser.parseText(Fixtures.dcgmBytes(fixture)));
    }

    @Test
    void everyFixtureParsesWithoutErrorsAndFindsGpus() throws Exception {
        List<Path> files = Fixtures.allDcgm();
        assertThat(files).hasSizeGreaterThanOrEqualTo(6);
        for (Path file : files) {
            byte[] text = Files.readAllBytes(file);
            DcgmReading reading = DcgmInterpreter.interpret(ExpositionParser.parseText(text));
            long sampleLines = new String(text, StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("DCGM")).count();
            assertThat(reading.errors()).as(file.getFileName().toString()).isEmpty();
            assertThat(reading.gpus()).as(file.getFileName().toString()).isNotEmpty();
            assertThat(reading.series()).as(file.getFileName().toString()).isEqualTo(sampleLines);
        }
    }

    @Test
    void l4FullScrapeIsOneL4WithItsIdentity() {
        DcgmReading reading = read(L4);

        assertThat(reading.series()).isEqualTo(23);
        assertThat(reading.gpus()).singleElement().satisfies(gpu -> {
            assertThat(gpu.index()).isZero();
            assertThat(gpu.uuid()).isEqualTo("GPU-c2f76b33-7953-256e-8f33-1343419b1a1c");
            assertThat(gpu.model()).isEqualTo("NVIDIA L4");
            assertThat(gpu.hostname()).isEqualTo("i-030791dc5a37cd257");
            assertThat(gpu.pciBusId()).isEqualTo("00000000:31:00.0");
            assertThat(gpu.driverVersion()).isEqualTo("580.105.08");
            assertThat(gpu.metrics()).hasSize(23).containsEntry("DCGM_FI_DEV_FB_FREE", 22563.0)
                    .containsEntry("DCGM_FI_PROF_PCIE_TX_BYTES", 112603.0)
                    .containsKey("DCGM_FI_DEV_VGPU_LICENSE_STATUS");
        });
        GpuSample sample = reading.toGpuSamples().getFirst();
        assertThat(sample.values().get(Metric.FB_FREE)).isEqualTo(22563.0);
        assertThat(sample.values().get(Metric.SM_CLOCK)).isEqualTo(210.0);
        assertThat(sample.values().isReported(Metric.XID_ERRORS)).isFalse();
    }

    @Test
    void h100WithPodLabelsAttributesThePodToGpuZeroOnly() {
        DcgmReading reading = read(H100_PODS);

        assertThat(reading.gpus()).hasSize(8);
        assertThat(reading.gpus()).extracting(DcgmGpu::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(reading.gpus()).extracting(DcgmGpu::model).containsOnly("NVIDIA H100 80GB HBM3");
        assertThat(reading.gpus().getFirst().pods()).containsExactly(
                new PodRef("dynamo-workload", "vllm-agg-0-vllmdecodeworker-s65j5", "main"));
        assertThat(reading.gpus().subList(1, 8)).allSatisfy(gpu -> assertThat(gpu.pods()).isEmpty());
        assertThat(reading.pods()).hasSize(1);

        List<GpuSample> samples = reading.toGpuSamples();
        assertThat(samples.get(0).values().get(Metric.POWER_USAGE)).isEqualTo(113.611);
        // GPUs 6 and 7 were not sampled for MEM_COPY_UTIL: not sent is NaN, never 0.
        assertThat(samples.get(5).values().get(Metric.MEM_COPY_UTIL)).isZero();
        assertThat(samples.get(7).values().get(Metric.MEM_COPY_UTIL)).isNaN();
    }

    @Test
    void datadogFixtureSeparatesRealGpusFromUnlabelledDummies() {
        byte[] text = Fixtures.dcgmBytes(DATADOG);
        assertThat(text[text.length - 1]).as("the capture has no final newline").isNotEqualTo((byte) '\n');

        DcgmReading reading = read(DATADOG);

        assertThat(reading.gpus()).extracting(DcgmGpu::uuid).containsExactly(
                "GPU-20c56d28-0da5-6d26-a36a-e7af1ce2586e", "GPU-9ef1b6d0-3643-5dd7-b823-c0ec20dcf2d5", "GPU-abc");
        assertThat(reading.gpus()).extracting(DcgmGpu::model).containsExactly("Tesla T4", "Tesla T4", "NVIDIA A10G");
        assertThat(reading.gpus()).extracting(DcgmGpu::hostname)
                .containsExactly("424773df46e0", "551bdf382151", "ip-11111");
        assertThat(reading.unattributedSeries()).isEqualTo(14);
        assertThat(reading.series()).isEqualTo(38);
        DcgmGpu a10g = reading.gpus().get(2);
        // The last line, without a newline after it, is read like any other.
        assertThat(a10g.metrics()).containsExactly(java.util.Map.entry("DCGM_FI_PROF_DRAM_ACTIVE", 0.000003));
        assertThat(a10g.pods()).containsExactly(new PodRef("ray-llm", "ray-1111111", "ray-worker"));
        assertThat(reading.gpus().get(1).driverVersion()).isEqualTo("470.182.03");
    }

    @Test
    void oldCrlfExporterReadsTheSameAsLf() {
        byte[] crlf = Fixtures.dcgmBytes(OLD_CRLF);
        assertThat(new String(crlf, StandardCharsets.UTF_8)).contains("\r\n");
        byte[] lf = new String(crlf, StandardCharsets.UTF_8).replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);

        Exposition fromCrlf = ExpositionParser.parseText(crlf);
        Exposition fromLf = ExpositionParser.parseText(lf);

        assertThat(fromCrlf.errors()).isEmpty();
        assertThat(fromCrlf.samples()).isEqualTo(fromLf.samples());
        assertThat(fromCrlf.families()).isEqualTo(fromLf.families());
        assertThat(fromCrlf.families()).hasSize(34);
        assertThat(fromCrlf.families().get("DCGM_FI_DEV_SM_CLOCK").help()).isEqualTo("SM clock frequency (in MHz).");
        assertThat(fromCrlf.samples()).hasSize(24);
        Sample first = fromCrlf.samples().getFirst();
        assertThat(first.labels().get("UUID")).isEqualTo("GPU-8c16e996-bd76-aa91-17e7-b48bcd0208ba");
        assertThat(first.labels().get("device")).isEqualTo("nvidia0");

        DcgmReading reading = DcgmInterpreter.interpret(fromCrlf);
        assertThat(reading.gpus()).singleElement().satisfies(gpu -> {
            assertThat(gpu.model()).isNull();
            assertThat(gpu.metrics()).containsEntry("DCGM_FI_DEV_POWER_USAGE", 23.528);
        });
    }

    @Test
    void a30MigExcerptGroupsSlicesUnderTheirCards() {
        DcgmReading reading = read(A30_MIG);

        assertThat(reading.gpus()).hasSize(2);
        DcgmGpu first = reading.gpus().getFirst();
        assertThat(first.uuid()).isEqualTo("GPU-265c9814-6156-355b-e589-ff2064894f16");
        assertThat(first.metrics()).isEmpty();
        assertThat(first.mig()).extracting(DcgmMigInstance::gi).containsExactly(3, 4, 5, 6);
        assertThat(first.mig()).extracting(DcgmMigInstance::profile).containsOnly("1g.6gb");
        assertThat(first.mig()).allSatisfy(i -> assertThat(i.metrics()).containsEntry("DCGM_FI_DEV_FB_FREE", 6012.0));
        assertThat(reading.gpus().get(1).mig()).extracting(DcgmMigInstance::gi).containsExactly(3, 4);
        assertThat(reading.migInstanceCount()).isEqualTo(6);

        GpuSample sample = reading.toGpuSamples().getFirst();
        assertThat(sample.mig()).extracting(MigSample::gpuInstanceId).containsExactly(3, 4, 5, 6);
        assertThat(sample.mig().getFirst().values().get(Metric.FB_FREE)).isEqualTo(6012.0);
        // Memory partitions are disjoint: the card's free memory is their sum.
        assertThat(sample.values().get(Metric.FB_FREE)).isEqualTo(4 * 6012.0);
        assertThat(sample.values().isReported(Metric.GPU_UTIL)).isFalse();
    }

    @Test
    void h100MigExcerptAttributesPodsToInstances() {
        DcgmReading reading = read(H100_MIG);

        DcgmGpu gpu = reading.gpus().getFirst();
        assertThat(reading.gpus()).hasSize(1);
        assertThat(gpu.mig()).extracting(DcgmMigInstance::gi).containsExactly(7, 8, 9);
        assertThat(gpu.mig()).extracting(DcgmMigInstance::profile).containsOnly("1g.10gb");
        PodRef embedding = new PodRef("model-playground-stg",
                "text-embedding-predictor-00008-deployment-57946f6c67-vdtjl", "kserve-container");
        PodRef tts = new PodRef("model-playground-stg", "tts-predictor-00011-deployment-5554f75554-8j8pl",
                "kserve-container");
        assertThat(gpu.mig().get(0).pods()).containsExactly(embedding);
        assertThat(gpu.mig().get(1).pods()).isEmpty();
        assertThat(gpu.mig().get(2).pods()).containsExactly(tts);
        assertThat(gpu.pods()).containsExactly(embedding, tts);

        MigSample instance = reading.toGpuSamples().getFirst().mig().getFirst();
        assertThat(instance.profile()).isEqualTo("1g.10gb");
        assertThat(instance.values().get(Metric.GR_ENGINE_ACTIVE)).isZero();
        assertThat(instance.pods()).containsExactly(embedding);
    }

    @Test
    void injectedBadLinesAreReportedWithTheirLineNumbers() {
        List<String> lines = new java.util.ArrayList<>(
                new String(Fixtures.dcgmBytes(L4), StandardCharsets.UTF_8).lines().toList());
        lines.add(5, "DCGM_FI_DEV_SERIAL{gpu=\"0\",UUID=\"GPU-c2f76b33-7953-256e-8f33-1343419b1a1c\"} ERROR - FAILED TO CONVERT TO STRING");
        lines.add(10, "$ curl -s localhost:9400/metrics");
        lines.add(20, "DCGM_FI_DEV_NAME{gpu=\"0\"} NVIDIA L4");
        byte[] text = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);

        MetricsParseReport report = MetricsParseReport.of(text);

        assertThat(report.reading().errors()).extracting(e -> e.line()).containsExactly(6, 11, 21);
        assertThat(report.reading().gpus()).hasSize(1);
        assertThat(report.reading().series()).isEqualTo(23);
        assertThat(report.reading().problem("dcgm-exporter on node-a"))
                .startsWith("3 lines from dcgm-exporter on node-a could not be read (first: line 6: ");
        assertThat(report.toSummary()).contains("line 6: ", "line 11: ", "line 21: ", "3 errors");
    }
}
