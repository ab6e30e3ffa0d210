package dev.gpufleet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.sim.faults.ExporterFaults;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/// The exporter fault switches, seen through the pod proxy over real HTTPS as a scraper sees them.
@Timeout(60)
class ExporterFaultsHttpTest {

    private static SimulatorServer sim;
    private static SimHttp http;
    private static final Map<String, String> exporterByNode = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        sim = SimulatorServer.start(new SimConfig(4, 2, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS));
        http = new SimHttp(sim);
        for (JsonNode pod : http.json("/api/v1/namespaces/gpu-operator/pods?labelSelector=app%3Dnvidia-dcgm-exporter")
                .path("items")) {
            exporterByNode.put(pod.path("spec").path("nodeName").asString(), pod.path("metadata").path("name").asString());
        }
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

    @AfterEach
    void clear() {
        sim.exporterFaults().clearAll();
        sim.exporterFaults().hangFor(ExporterFaults.DEFAULT_HANG);
    }

    private static HttpResponse<String> scrape(String node) throws Exception {
        return http.get("/api/v1/namespaces/gpu-operator/pods/" + exporterByNode.get(node) + ":9400/proxy/metrics");
    }

    private static String node(int index) {
        return sim.exporterFaults().nodeName(index);
    }

    @Test
    void aFailingExporterAnswers500WhileTheOthersServeTheirMetrics() throws Exception {
        sim.exporterFaults().fail(node(1), ExporterFaults.Fault.ERROR_500);

        HttpResponse<String> failing = scrape(node(1));
        HttpResponse<String> healthy = scrape(node(0));

        assertThat(failing.statusCode()).isEqualTo(500);
        assertThat(failing.body()).contains("Internal Server Error");
        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(healthy.body()).contains("DCGM_FI_DEV_GPU_UTIL{");

        sim.exporterFaults().clear(node(1));
        assertThat(scrape(node(1)).statusCode()).as("answers again once switched off").isEqualTo(200);
    }

    @Test
    void aHangingExporterHoldsTheRequestUntilItsTimeIsUp() throws Exception {
        sim.exporterFaults().hangFor(Duration.ofMillis(700));
        sim.exporterFaults().failAll(ExporterFaults.Fault.TIMEOUT);

        long began = System.nanoTime();
        HttpResponse<String> answer = scrape(node(2));
        long tookMillis = (System.nanoTime() - began) / 1_000_000;

        assertThat(answer.statusCode()).isEqualTo(504);
        assertThat(tookMillis).as("held for the hang").isGreaterThanOrEqualTo(600);
    }

    @Test
    void aHangingRequestIsAnsweredOnceTheFaultClears() throws Exception {
        sim.exporterFaults().fail(node(0), ExporterFaults.Fault.TIMEOUT);
        Thread clearer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sim.exporterFaults().clearAll();
        });

        HttpResponse<String> answer = scrape(node(0));
        clearer.join();

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("DCGM_FI_DEV_GPU_UTIL{");
    }

    @Test
    void aTruncatingExporterCutsItsTextMidLine() throws Exception {
        String whole = scrape(node(3)).body();
        sim.exporterFaults().fail(node(3), ExporterFaults.Fault.TRUNCATED);

        HttpResponse<String> cut = scrape(node(3));

        assertThat(cut.statusCode()).isEqualTo(200);
        assertThat(cut.body().length()).isBetween(whole.length() / 2 - 200, whole.length() / 2 + 200);
        assertThat(cut.body()).doesNotEndWith("\n");
    }
}
