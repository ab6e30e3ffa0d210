package dev.gpufleet.connectors.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.connectors.exposition.Sample;
import dev.gpufleet.connectors.testing.Fixtures;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/// The Prometheus API's JSON, from a real capture and from the shapes its documentation gives.
class PrometheusResponsesTest {

    private static final String FIXTURE = "h100-8gpu-eks-instant-query-DCGM_FI_DEV_GPU_UTIL-pretty.json";
    private static final String WHERE = "Prometheus at http://prom:9090/api/v1/query";

    private static byte[] fixture() throws Exception {
        return Files.readAllBytes(Fixtures.root().resolve("prom").resolve(FIXTURE));
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static PrometheusSource source() throws Exception {
        return new PrometheusSource("eks", PrometheusOptions.of(URI.create("http://127.0.0.1:1")));
    }

    @Test
    void readsTheVectorOfARealCapture() throws Exception {
        QueryResult<List<Sample>> answer = PrometheusResponses.vector(fixture(), WHERE);

        assertThat(answer.warnings()).isEmpty();
        assertThat(answer.data()).hasSize(8).allSatisfy(sample -> {
            assertThat(sample.name()).isEqualTo("DCGM_FI_DEV_GPU_UTIL");
            assertThat(sample.labels().get("__name__")).isNull();
            assertThat(sample.timestampMillis()).isEqualTo(1_772_826_012_651L);
            assertThat(sample.value()).isZero();
        });
        assertThat(answer.data().getFirst().labels().get("UUID")).isEqualTo("GPU-81d79b08-40a0-40ae-3fc5-82b8ff8b8138");
    }

    @Test
    void groupsARealCaptureIntoOneNodeOfEightGpusWithTheWorkloadsPodOnly() throws Exception {
        try (PrometheusSource source = source()) {
            TelemetryFrame frame = source.frameOf(PrometheusResponses.vector(fixture(), WHERE), Instant.EPOCH);

            assertThat(frame.nodes()).extracting(NodeTelemetry::node).containsExactly("ip-100-64-147-149.ec2.internal");
            NodeTelemetry node = frame.nodes().getFirst();
            assertThat(node.problem()).isNull();
            assertThat(node.gpus()).extracting(GpuSample::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
            assertThat(node.gpus()).allSatisfy(gpu -> {
                assertThat(gpu.model()).isEqualTo("NVIDIA H100 80GB HBM3");
                assertThat(gpu.values().get(Metric.GPU_UTIL)).isZero();
            });
            // honor_labels gave the unused GPUs the exporter pod itself; that is not a workload.
            assertThat(node.gpus().get(2).pods()).containsExactly(
                    new PodRef("dynamo-workload", "vllm-agg-0-vllmdecodeworker-wmvrk", "main"));
            assertThat(node.gpus().get(0).pods()).isEmpty();
        }
    }

    @Test
    void exportedLabelsAreTheAttributionWhenTheScrapeDidNotHonourLabels() throws Exception {
        String body = """
                {"status":"success","data":{"resultType":"vector","result":[
                 {"metric":{"__name__":"DCGM_FI_DEV_FB_USED","Hostname":"n1","gpu":"0","UUID":"GPU-a",
                   "pod":"nvidia-dcgm-exporter-abcde","namespace":"gpu-operator","container":"nvidia-dcgm-exporter",
                   "exported_pod":"train-0","exported_namespace":"ml","exported_container":"trainer"},
                  "value":[1700000000.5,"1024"]},
                 {"metric":{"__name__":"DCGM_FI_DEV_FB_USED","Hostname":"n1","gpu":"1","UUID":"GPU-b",
                   "pod":"nvidia-dcgm-exporter-abcde","namespace":"gpu-operator"},"value":[1700000000.5,"0"]}]}}
                """;
        try (PrometheusSource source = source()) {
            NodeTelemetry node = source.frameOf(PrometheusResponses.vector(json(body), WHERE), Instant.EPOCH)
                    .nodes().getFirst();

            assertThat(node.gpus().get(0).pods()).containsExactly(new PodRef("ml", "train-0", "trainer"));
            assertThat(node.gpus().get(0).values().get(Metric.FB_USED)).isEqualTo(1024.0);
            assertThat(node.gpus().get(1).pods()).isEmpty();
        }
    }

    @Test
    void warningsBecomeEveryNodesProblem() throws Exception {
        String body = """
                {"status":"success","warnings":["store eu-1 did not respond: partial response"],
                 "data":{"resultType":"vector","result":[
                 {"metric":{"__name__":"DCGM_FI_DEV_GPU_TEMP","Hostname":"n1","gpu":"0","UUID":"GPU-a"},"value":[1,"40"]},
                 {"metric":{"__name__":"DCGM_FI_DEV_GPU_TEMP","Hostname":"n2","gpu":"0","UUID":"GPU-b"},"value":[1,"41"]}]}}
                """;
        try (PrometheusSource source = source()) {
            TelemetryFrame frame = source.frameOf(PrometheusResponses.vector(json(body), WHERE), Instant.EPOCH);

            assertThat(frame.nodes()).extracting(NodeTelemetry::node).containsExactly("n1", "n2");
            assertThat(frame.nodes()).allSatisfy(node -> {
                assertThat(node.failed()).isFalse();
                assertThat(node.problem()).contains("partial", "store eu-1 did not respond", "http://127.0.0.1:1");
            });
        }
    }

    @Test
    void seriesWithoutTheNodeLabelAreExplained() throws Exception {
        String body = """
                {"status":"success","data":{"resultType":"vector","result":[
                 {"metric":{"__name__":"DCGM_FI_DEV_GPU_TEMP","instance":"10.0.0.7:9400","gpu":"0","UUID":"GPU-a"},
                  "value":[1,"40"]}]}}
                """;
        try (PrometheusSource source = source()) {
            assertThatThrownBy(() -> source.frameOf(PrometheusResponses.vector(json(body), WHERE), Instant.EPOCH))
                    .isInstanceOf(PrometheusException.class)
                    .hasMessageContaining("no \"Hostname\" label")
                    .hasMessageContaining("labels seen: UUID, gpu, instance")
                    .hasMessageContaining("node, kubernetes_node or instance");
        }
        try (PrometheusSource byInstance = new PrometheusSource("c",
                PrometheusOptions.of(URI.create("http://127.0.0.1:1")).withNodeLabel("instance"))) {
            assertThat(byInstance.frameOf(PrometheusResponses.vector(json(body), WHERE), Instant.EPOCH).nodes())
                    .extracting(NodeTelemetry::node).containsExactly("10.0.0.7:9400");
        }
    }

    @Test
    void anErrorEnvelopeNamesTheServersError() {
        byte[] body = json("""
                {"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:5: parse error: unexpected"}""");

        assertThat(PrometheusResponses.errorText(body)).isEqualTo("bad_data: invalid parameter \"query\": 1:5: parse error: unexpected");
        assertThatThrownBy(() -> PrometheusResponses.vector(body, WHERE))
                .isInstanceOf(PrometheusException.class)
                .hasMessageContaining(WHERE).hasMessageContaining("bad_data").hasMessageContaining("parse error");
    }

    @Test
    void aWebPageIsNotTheApi() {
        assertThatThrownBy(() -> PrometheusResponses.vector(json("<html><body>Sign in</body></html>"), WHERE))
                .isInstanceOf(PrometheusException.class)
                .hasMessageContaining(WHERE).hasMessageContaining("did not answer with Prometheus API JSON");
    }

    @Test
    void readsAMatrixIntoParallelArrays() throws Exception {
        byte[] body = json("""
                {"status":"success","data":{"resultType":"matrix","result":[
                 {"metric":{"__name__":"DCGM_FI_DEV_GPU_UTIL","gpu":"0"},
                  "values":[[1700000000,"10"],[1700000015,"NaN"],[1700000030.25,"+Inf"],[1700000045,"-Inf"]]},
                 {"metric":{"gpu":"1"},"values":[]}]}}""");

        QueryResult<List<RangeSeries>> answer = PrometheusResponses.matrix(body, WHERE);

        RangeSeries first = answer.data().getFirst();
        assertThat(first.labels()).containsEntry("__name__", "DCGM_FI_DEV_GPU_UTIL").containsEntry("gpu", "0");
        assertThat(first.timestamps()).containsExactly(1_700_000_000_000L, 1_700_000_015_000L, 1_700_000_030_250L,
                1_700_000_045_000L);
        assertThat(first.values()).containsExactly(10.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertThat(answer.data().get(1).size()).isZero();
        assertThatThrownBy(() -> PrometheusResponses.vector(body, WHERE))
                .hasMessageContaining("\"matrix\" result where a \"vector\" was expected");
    }

    @Test
    void theRoundsQueryAsksForEveryMetricInOneSelector() {
        PrometheusOptions options = PrometheusOptions.of(URI.create("http://p:9090"))
                .withMetrics(List.of("DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_FB_USED")).withSelector("cluster=\"eu\"");

        assertThat(options.telemetryQuery()).isEqualTo("{__name__=~\"DCGM_FI_DEV_GPU_UTIL|DCGM_FI_DEV_FB_USED\",cluster=\"eu\"}");
        assertThatThrownBy(() -> options.withMetrics(List.of("a|b"))).hasMessageContaining("not a Prometheus metric name");
        assertThatThrownBy(() -> PrometheusOptions.of(URI.create("prom:9090"))).hasMessageContaining("not an http or https URL");
    }
}
