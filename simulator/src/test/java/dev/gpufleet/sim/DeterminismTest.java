package dev.gpufleet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/// The same seed at the same elapsed time gives byte-identical inventory and telemetry; another
/// seed gives another fleet.
@Timeout(120)
class DeterminismTest {

    private static final List<String> NODES = List.of("gpu-h100-a-001", "gpu-h100-b-002", "gpu-a100-b-001",
            "gpu-l40s-a-004", "gpu-h200-a-003");

    private static SteppedClock clockA;
    private static SteppedClock clockB;
    private static SteppedClock clockC;
    private static SimulatorServer a;
    private static SimulatorServer b;
    private static SimulatorServer c;
    private static SimHttp httpA;
    private static SimHttp httpB;
    private static SimHttp httpC;

    @BeforeAll
    static void start() throws Exception {
        clockA = new SteppedClock();
        clockB = new SteppedClock();
        clockC = new SteppedClock();
        a = SimulatorServer.start(SimConfig.defaults(), clockA);
        b = SimulatorServer.start(SimConfig.defaults(), clockB);
        c = SimulatorServer.start(SimConfig.defaults().withSeed(43), clockC);
        httpA = new SimHttp(a);
        httpB = new SimHttp(b);
        httpC = new SimHttp(c);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {httpA, httpB, httpC, a, b, c}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // closing test servers
            }
        }
    }

    @Test
    void sameSeedSameInventory() throws Exception {
        for (String path : List.of("/api/v1/nodes", "/api/v1/pods", "/api/v1/events", "/apis/apps/v1/deployments",
                "/apis/batch/v1/jobs", "/apis/policy/v1/poddisruptionbudgets")) {
            assertThat(httpA.get(path).body()).as(path).isEqualTo(httpB.get(path).body());
        }
    }

    @Test
    void sameSeedSameMetricsAtTheSameElapsedTime() throws Exception {
        clockA.advance(Duration.ofSeconds(437));
        clockB.advance(Duration.ofSeconds(437));
        for (String node : NODES) {
            String metricsA = scrape(httpA, node);
            assertThat(metricsA).as(node).isEqualTo(scrape(httpB, node));
            assertThat(PromText.parse(metricsA).errors).isEmpty();
        }
    }

    @Test
    void anotherSeedAnotherFleet() throws Exception {
        assertThat(httpC.get("/api/v1/nodes").body()).isNotEqualTo(httpA.get("/api/v1/nodes").body());
        assertThat(httpC.get("/api/v1/pods").body()).isNotEqualTo(httpA.get("/api/v1/pods").body());
        assertThat(scrape(httpC, "gpu-h100-a-001")).isNotEqualTo(scrape(httpA, "gpu-h100-a-001"));
    }

    private static String scrape(SimHttp http, String node) throws Exception {
        String pod = http.json("/api/v1/namespaces/gpu-operator/pods?labelSelector=app%3Dnvidia-dcgm-exporter"
                + "&fieldSelector=spec.nodeName%3D" + node).path("items").get(0).path("metadata").path("name").asString();
        return http.get("/api/v1/namespaces/gpu-operator/pods/" + pod + ":9400/proxy/metrics").body();
    }
}
