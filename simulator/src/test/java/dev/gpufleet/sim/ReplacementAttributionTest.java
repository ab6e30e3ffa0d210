package dev.gpufleet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/// A pod that an owner creates after an eviction is attributed on the node's dcgm-exporter
/// like a seeded pod: the GPU (or MIG instance) it was given carries its `pod`, `namespace`
/// and `container` labels, and the evicted pod's labels are gone. Over HTTP, 4 nodes, seed 42.
@Timeout(60)
class ReplacementAttributionTest {

    private static final Pattern SERIES = Pattern.compile("^DCGM_FI_DEV_FB_USED\\{([^}]*)} ", Pattern.MULTILINE);

    private final SteppedClock clock = new SteppedClock();
    private SimulatorServer sim;
    private SimHttp http;

    @BeforeEach
    void start() throws Exception {
        sim = SimulatorServer.start(new SimConfig(4, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS), clock);
        http = new SimHttp(sim);
    }

    @AfterEach
    void stop() {
        if (http != null) {
            http.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private List<JsonNode> rerankerPods() throws Exception {
        List<JsonNode> pods = new ArrayList<>();
        http.json("/api/v1/namespaces/inference/pods?labelSelector=app%3Dreranker-minilm-1g-10gb").path("items")
                .forEach(pods::add);
        return pods;
    }

    // The label sets of the node's FB_USED series, one per GPU or MIG instance.
    private List<String> exporterSeries(String node) throws Exception {
        String exporter = http.json("/api/v1/namespaces/gpu-operator/pods?labelSelector=app%3Dnvidia-dcgm-exporter"
                + "&fieldSelector=spec.nodeName%3D" + node).path("items").get(0).path("metadata").path("name").asString();
        HttpResponse<String> scrape = http.get("/api/v1/namespaces/gpu-operator/pods/" + exporter + ":9400/proxy/metrics");
        assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
        List<String> series = new ArrayList<>();
        Matcher m = SERIES.matcher(scrape.body());
        while (m.find()) {
            series.add(m.group(1));
        }
        return series;
    }

    @Test
    void anEvictedPodsReplacementIsAttributedOnTheMigInstanceItWasGiven() throws Exception {
        List<JsonNode> pods = rerankerPods();
        List<String> before = pods.stream().map(p -> p.path("metadata").path("name").asString()).toList();
        JsonNode evicted = pods.getFirst();
        String name = evicted.path("metadata").path("name").asString();
        String container = evicted.path("spec").path("containers").get(0).path("name").asString();
        HttpResponse<String> eviction = http.send("POST", "/api/v1/namespaces/inference/pods/" + name + "/eviction",
                "application/json", "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\""
                        + name + "\"}}");
        assertThat(eviction.statusCode()).as(eviction.body()).isEqualTo(201);

        clock.advance(Duration.ofSeconds(3));
        JsonNode replacement = awaitReplacementBound(before);
        String node = replacement.path("spec").path("nodeName").asString();
        String replacementName = replacement.path("metadata").path("name").asString();
        List<String> series = exporterSeries(node);

        assertThat(series).filteredOn(s -> s.contains("pod=\"" + replacementName + "\"")).singleElement()
                .satisfies(s -> assertThat(s).contains("GPU_I_PROFILE=\"1g.10gb\"")
                        .contains("container=\"" + container + "\",namespace=\"inference\",pod=\"" + replacementName + "\""));
        assertThat(String.join("\n", series)).doesNotContain("pod=\"" + name + "\"");
    }

    @Test
    void aDeletedReplacementFreesItsGpuOnTheExporter() throws Exception {
        List<JsonNode> pods = rerankerPods();
        List<String> before = pods.stream().map(p -> p.path("metadata").path("name").asString()).toList();
        JsonNode evicted = pods.getFirst();
        String name = evicted.path("metadata").path("name").asString();
        http.send("POST", "/api/v1/namespaces/inference/pods/" + name + "/eviction", "application/json",
                "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"" + name + "\"}}");
        clock.advance(Duration.ofSeconds(3));
        JsonNode replacement = awaitReplacementBound(before);
        String replacementName = replacement.path("metadata").path("name").asString();
        String node = replacement.path("spec").path("nodeName").asString();

        HttpResponse<String> deleted = http.send("DELETE", "/api/v1/namespaces/inference/pods/" + replacementName
                + "?gracePeriodSeconds=0", "application/json", "");
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);

        assertThat(String.join("\n", exporterSeries(node))).doesNotContain("pod=\"" + replacementName + "\"");
    }

    // The 200 ms ticker acts on the stepped clock; wait (in real time) until the owner's new pod is bound.
    private JsonNode awaitReplacementBound(List<String> before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (JsonNode pod : rerankerPods()) {
                if (!before.contains(pod.path("metadata").path("name").asString())
                        && !pod.path("spec").path("nodeName").asString().isEmpty()) {
                    return pod;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no replacement of the evicted pod was bound within 20 s");
    }
}
