package dev.gpufleet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/// The 100,000-GPU fleet the console must cope with: 12,500 nodes start, page, select and
/// scrape like the small one (objects are built on demand, so this fits the test heap).
@Timeout(180)
class LargeFleetTest {

    private static SimulatorServer sim;
    private static SimHttp http;

    @BeforeAll
    static void start() throws Exception {
        sim = SimulatorServer.start(SimConfig.defaults().withNodes(12_500));
        http = new SimHttp(sim);
    }

    @AfterAll
    static void stop() {
        if (http != null) {
            http.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void pagesNodesAndFindsTheLastOne() throws Exception {
        JsonNode page = http.json("/api/v1/nodes?limit=500");
        String last = "gpu-h200-a-1250";

        assertThat(page.path("items")).hasSize(500);
        assertThat(page.path("metadata").path("continue").asString()).isNotBlank();
        assertThat(http.json("/api/v1/nodes/" + last).path("metadata").path("labels").path("nvidia.com/gpu.product")
                .asString()).isEqualTo("NVIDIA-H200");
    }

    @Test
    void selectsOneNodesPodsAndScrapesItsExporter() throws Exception {
        JsonNode pods = http.json("/api/v1/pods?fieldSelector=spec.nodeName%3Dgpu-l40s-a-2000");
        String exporter = null;
        for (JsonNode pod : pods.path("items")) {
            if (pod.path("metadata").path("name").asString().startsWith("nvidia-dcgm-exporter-")) {
                exporter = pod.path("metadata").path("name").asString();
            }
        }
        HttpResponse<String> metrics = http.get("/api/v1/namespaces/gpu-operator/pods/" + exporter + ":9400/proxy/metrics");

        assertThat(pods.path("items").size()).isGreaterThanOrEqualTo(4);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(PromText.parse(metrics.body()).samples("DCGM_FI_DEV_GPU_TEMP")).hasSize(8);
    }

    @Test
    void countsExportersThroughALabelSelector() throws Exception {
        JsonNode exporters = http.json("/api/v1/namespaces/gpu-operator/pods?labelSelector=app%3Dnvidia-dcgm-exporter"
                + "&limit=20000");

        assertThat(exporters.path("items")).hasSize(12_500);
    }
}
