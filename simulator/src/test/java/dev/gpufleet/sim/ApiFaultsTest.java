package dev.gpufleet.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.sim.faults.ApiFault;
import dev.gpufleet.sim.faults.FaultSwitch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/// The API fault switches as a client sees them on the wire.
class ApiFaultsTest {

    private static SimulatorServer sim;
    private static SimHttp http;

    @BeforeAll
    static void start() throws Exception {
        sim = SimulatorServer.start(new SimConfig(2, 2, 7, 0, SimConfig.DEFAULT_BIND_ADDRESS));
        http = new SimHttp(sim);
    }

    @AfterAll
    static void stop() {
        http.close();
        sim.close();
    }

    @AfterEach
    void clear() {
        sim.apiFaults().clearAll();
        sim.exporterFaults().clearAll();
    }

    @Test
    void throttlingAnswers429WithRetryAfterAndPriorityAndFairnessHeaders() throws Exception {
        sim.apiFaults().set(FaultSwitch.parse("throttle=0.5"));
        HttpResponse<String> first = http.get("/api/v1/nodes");
        HttpResponse<String> second = http.get("/api/v1/nodes");

        HttpResponse<String> throttled = first.statusCode() == 429 ? first : second;
        assertThat(first.statusCode() + second.statusCode()).as("one of two requests throttled").isEqualTo(200 + 429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(throttled.headers().firstValue("X-Kubernetes-PF-FlowSchema-UID")).isPresent();
        assertThat(throttled.headers().firstValue("X-Kubernetes-PF-PriorityLevel-UID")).isPresent();
        assertThat(throttled.body()).isEqualTo("Too many requests, please try again later.\n");
        assertThat(http.get("/readyz").statusCode()).as("probes are exempt").isEqualTo(200);
    }

    @Test
    void watchesAreRefusedWith503WhileListsWork() throws Exception {
        sim.apiFaults().set(FaultSwitch.parse("watch-503"));
        HttpResponse<String> watch = http.get("/api/v1/nodes?watch=true");
        assertThat(watch.statusCode()).isEqualTo(503);
        assertThat(SimHttp.JSON.readTree(watch.body()).path("reason").asString()).isEqualTo("ServiceUnavailable");
        assertThat(http.get("/api/v1/nodes").statusCode()).isEqualTo(200);
    }

    @Test
    void anOpenWatchGets410GoneAndAnOldResourceVersionIsRefused() throws Exception {
        String listed = http.json("/api/v1/nodes").path("metadata").path("resourceVersion").asString();
        HttpResponse<InputStream> watch = http.client().send(http.request("/api/v1/nodes?watch=true&resourceVersion="
                + listed).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(watch.body(), StandardCharsets.UTF_8))) {
            sim.updateNode(firstNode(), n -> {
                n.getMetadata().getLabels().put("fault-test", "bumped");
                return n;
            });
            sim.apiFaults().set(FaultSwitch.parse("watch-expiry"));
            JsonNode error = lastEvent(events);
            assertThat(error.path("type").asString()).isEqualTo("ERROR");
            assertThat(error.path("object").path("code").asInt()).isEqualTo(410);
            assertThat(error.path("object").path("reason").asString()).isEqualTo("Expired");
            assertThat(error.path("object").path("message").asString()).startsWith("too old resource version: ");
        }
        HttpResponse<String> again = http.get("/api/v1/nodes?watch=true&timeoutSeconds=1&resourceVersion=" + listed);
        assertThat(again.body()).contains("\"type\":\"ERROR\"", "\"code\":410");
    }

    @Test
    void droppedConnectionsFailMidAnswer() {
        sim.apiFaults().set(FaultSwitch.parse("drop"));
        assertThatThrownBy(() -> http.get("/api/v1/nodes")).isInstanceOf(IOException.class);
    }

    @Test
    void slowAnswersTakeTheAddedLatency() throws Exception {
        sim.apiFaults().set(FaultSwitch.parse("slow=400ms"));
        long began = System.nanoTime();
        assertThat(http.get("/api/v1/nodes").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void aRestartClosesTheServerAndBringsItBackOnTheSamePortWithChangesMadeMeanwhile() throws Exception {
        int port = sim.port();
        long before = SimHttp.JSON.readTree(http.get("/api/v1/nodes").body()).path("metadata").path("resourceVersion")
                .asLong();
        String node = firstNode();
        sim.apiFaults().restart(Duration.ofSeconds(1), () -> sim.updateNode(node, n -> {
            n.getSpec().setUnschedulable(true);
            return n;
        }));
        boolean wentDown = false;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode after = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.get("/api/v1/nodes");
                if (wentDown && answer.statusCode() == 200) {
                    after = SimHttp.JSON.readTree(answer.body());
                    break;
                }
            } catch (IOException down) {
                wentDown = true;
            }
            Thread.sleep(50);
        }
        assertThat(wentDown).as("the server was down for a while").isTrue();
        assertThat(after).as("the server came back").isNotNull();
        assertThat(sim.port()).isEqualTo(port);
        assertThat(after.path("metadata").path("resourceVersion").asLong()).isGreaterThan(before);
        assertThat(after.path("items").get(0).path("spec").path("unschedulable").asBoolean()).isTrue();
    }

    @Test
    void theSwitchIsServedToTheAdminOverHttp() throws Exception {
        HttpResponse<String> on = http.send("POST", "/gpufleet-sim/v1/faults", "application/json",
                "{\"on\":[\"throttle=0.25\",\"slow=10ms\"]}");
        assertThat(on.statusCode()).isEqualTo(200);
        assertThat(SimHttp.JSON.readTree(on.body()).path("active").toString()).contains("throttle=0.25", "slow=10ms");
        assertThat(sim.apiFaults().active()).extracting(FaultSwitch::fault).contains(ApiFault.THROTTLE, ApiFault.SLOW);

        HttpResponse<String> off = http.send("POST", "/gpufleet-sim/v1/faults", "application/json", "{\"off\":[\"all\"]}");
        assertThat(SimHttp.JSON.readTree(off.body()).path("active").size()).isZero();

        HttpResponse<String> bad = http.send("POST", "/gpufleet-sim/v1/faults", "application/json", "{\"on\":[\"melt\"]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("unknown fault \\\"melt\\\"", "throttle");

        HttpResponse<String> viewer = http.send(HttpRequest.newBuilder(http.uri("/gpufleet-sim/v1/faults"))
                .header("Authorization", "Bearer " + sim.token(SimUser.VIEWER)).GET().build());
        assertThat(viewer.statusCode()).isEqualTo(403);
    }

    @Test
    void exporterFaultsAreSwitchedOverHttpToo() throws Exception {
        HttpResponse<String> on = http.send("POST", "/gpufleet-sim/v1/faults", "application/json",
                "{\"on\":[\"exporter-500:0.5\"]}");
        assertThat(on.statusCode()).isEqualTo(200);
        JsonNode exporters = SimHttp.JSON.readTree(on.body()).path("exporters");
        assertThat(exporters.path("failing").asInt()).isEqualTo(1);
        assertThat(exporters.path("of").asInt()).isEqualTo(2);
        assertThat(exporters.path("nodes").get(0).asString()).isEqualTo(sim.exporterFaults().failingNodes().getFirst());
        assertThat(SimHttp.JSON.readTree(on.body()).path("known").toString()).contains("exporter-timeout");

        HttpResponse<String> bad = http.send("POST", "/gpufleet-sim/v1/faults", "application/json",
                "{\"on\":[\"exporter-404\"]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("exporter-404", "500, timeout or truncated");

        HttpResponse<String> off = http.send("POST", "/gpufleet-sim/v1/faults", "application/json",
                "{\"off\":[\"exporters\"]}");
        assertThat(SimHttp.JSON.readTree(off.body()).path("exporters").path("failing").asInt()).isZero();
        assertThat(sim.exporterFaults().failingCount()).isZero();
    }

    @Test
    void badSwitchesSayWhatIsAllowed() {
        assertThatThrownBy(() -> FaultSwitch.parse("throttle=2")).hasMessageContaining("at most 1");
        assertThatThrownBy(() -> FaultSwitch.parse("slow=fast")).hasMessageContaining("500ms, 3s or 1m");
        assertThatThrownBy(() -> FaultSwitch.parse("watch-503=1")).hasMessageContaining("no parameter");
        assertThat(FaultSwitch.parse("restart=1.5s").durationOr(Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
    }

    private static String firstNode() throws Exception {
        return http.json("/api/v1/nodes").path("items").get(0).path("metadata").path("name").asString();
    }

    private static JsonNode lastEvent(BufferedReader events) throws IOException {
        JsonNode last = null;
        for (String line = events.readLine(); line != null; line = events.readLine()) {
            last = SimHttp.JSON.readTree(line);
        }
        if (last == null) {
            throw new AssertionError("the watch ended without an event");
        }
        return last;
    }
}
