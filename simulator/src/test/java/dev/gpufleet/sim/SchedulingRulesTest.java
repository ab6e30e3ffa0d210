package dev.gpufleet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/// The simulated scheduler over HTTP (4 nodes, seed 42): required node affinity with each
/// operator, CPU and memory requests against the node's allocatable, FailedScheduling in the
/// real scheduler's words, and the queue taking higher priorities first.
@Timeout(60)
class SchedulingRulesTest {

    private final SteppedClock clock = new SteppedClock();
    private SimulatorServer sim;
    private SimHttp http;
    private final List<String> schedulable = new ArrayList<>();
    private int cordoned;

    @BeforeEach
    void start() throws Exception {
        sim = SimulatorServer.start(new SimConfig(4, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS), clock);
        http = new SimHttp(sim);
        for (JsonNode node : http.json("/api/v1/nodes").path("items")) {
            if (node.path("spec").path("unschedulable").asBoolean(false)) {
                cordoned++;
            } else {
                schedulable.add(node.path("metadata").path("name").asString());
            }
        }
        assertThat(schedulable).hasSizeGreaterThan(1);
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

    private static String requirement(String key, String operator, String... values) {
        StringBuilder json = new StringBuilder("{\"key\":\"" + key + "\",\"operator\":\"" + operator + "\"");
        if (values.length > 0) {
            json.append(",\"values\":[\"").append(String.join("\",\"", values)).append("\"]");
        }
        return json.append('}').toString();
    }

    // A pod of one busybox container (tolerating the GPU nodes' taints) with these requests, required affinity terms and priority fields.
    private void create(String name, String cpu, String memory, String priority, String... terms) throws Exception {
        StringBuilder affinity = new StringBuilder();
        if (terms.length > 0) {
            affinity.append(",\"affinity\":{\"nodeAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":"
                    + "{\"nodeSelectorTerms\":[").append(String.join(",", terms)).append("]}}}");
        }
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{"
                + "\"containers\":[{\"name\":\"main\",\"image\":\"busybox\",\"resources\":{\"requests\":{\"cpu\":\""
                + cpu + "\",\"memory\":\"" + memory + "\"}}}],\"tolerations\":[{\"operator\":\"Exists\"}]" + priority + affinity + "}}";
        HttpResponse<String> created = http.send("POST", "/api/v1/namespaces/default/pods", "application/json", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private static String term(String... requirements) {
        return "{\"matchExpressions\":[" + String.join(",", requirements) + "]}";
    }

    private JsonNode awaitPod(String name, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        JsonNode pod = http.json("/api/v1/namespaces/default/pods/" + name);
        while (!done.test(pod) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            pod = http.json("/api/v1/namespaces/default/pods/" + name);
        }
        return pod;
    }

    private static boolean bound(JsonNode pod) {
        return !pod.path("spec").path("nodeName").asString().isEmpty();
    }

    private static String unschedulableMessage(JsonNode pod) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if (c.path("type").asString().equals("PodScheduled") && c.path("reason").asString().equals("Unschedulable")) {
                return c.path("message").asString();
            }
        }
        return "";
    }

    private String expected(String... parts) {
        List<String> all = new ArrayList<>(List.of(parts));
        if (cordoned > 0) {
            all.add(cordoned + " node(s) were unschedulable");
        }
        all.sort(null);
        return "0/4 nodes are available: " + String.join(", ", all) + ".";
    }

    @Test
    void requiredNodeAffinityPlacesPodsByEachOperator() throws Exception {
        String first = schedulable.getFirst();
        String last = schedulable.getLast();
        create("pinned", "100m", "64Mi", "", term(requirement("kubernetes.io/hostname", "In", first),
                requirement("gpufleet.dev/pool", "Exists"), requirement("example.com/absent", "DoesNotExist"),
                requirement("nvidia.com/cuda.driver.major", "Gt", "100")));
        List<String> others = schedulable.stream().filter(n -> !n.equals(last)).toList();
        create("elsewhere", "100m", "64Mi", "", term(requirement("kubernetes.io/hostname", "In", "no-such-node")),
                term(requirement("kubernetes.io/hostname", "NotIn", others.toArray(String[]::new))));
        create("nowhere", "100m", "64Mi", "", term(requirement("nvidia.com/cuda.driver.major", "Lt", "1")));

        assertThat(awaitPod("pinned", SchedulingRulesTest::bound).path("spec").path("nodeName").asString()).isEqualTo(first);
        assertThat(awaitPod("elsewhere", SchedulingRulesTest::bound).path("spec").path("nodeName").asString())
                .isEqualTo(last);
        JsonNode nowhere = awaitPod("nowhere", p -> !unschedulableMessage(p).isEmpty());
        assertThat(bound(nowhere)).isFalse();
        assertThat(unschedulableMessage(nowhere))
                .isEqualTo(expected(schedulable.size() + " node(s) didn't match Pod's node affinity/selector"));
    }

    @Test
    void cpuAndMemoryRequestsMustFitTheNodesAllocatable() throws Exception {
        String target = schedulable.getFirst();
        create("too-big", "100000", "64Mi", "", term(requirement("kubernetes.io/hostname", "In", target)));
        create("too-hungry", "1", "100Ti", "", term(requirement("kubernetes.io/hostname", "In", target)));

        JsonNode tooBig = awaitPod("too-big", p -> !unschedulableMessage(p).isEmpty());
        JsonNode tooHungry = awaitPod("too-hungry", p -> !unschedulableMessage(p).isEmpty());

        String mismatch = (schedulable.size() - 1) + " node(s) didn't match Pod's node affinity/selector";
        assertThat(unschedulableMessage(tooBig)).isEqualTo(expected("1 Insufficient cpu", mismatch));
        assertThat(unschedulableMessage(tooHungry)).isEqualTo(expected("1 Insufficient memory", mismatch));
        assertThat(http.get("/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3Dtoo-big").body())
                .contains("FailedScheduling").contains("1 Insufficient cpu");
    }

    @Test
    void theQueueTakesTheHigherPriorityFirstAndBuiltInClassesSetThePriority() throws Exception {
        String target = schedulable.getFirst();
        long freeMillis = freeCpuMillis(target);
        String share = (freeMillis * 6 / 10) + "m";
        cordon(target, true);
        create("a-low", share, "64Mi", "", term(requirement("kubernetes.io/hostname", "In", target)));
        create("b-high", share, "64Mi", ",\"priorityClassName\":\"system-cluster-critical\"",
                term(requirement("kubernetes.io/hostname", "In", target)));
        awaitPod("a-low", p -> !unschedulableMessage(p).isEmpty());
        awaitPod("b-high", p -> !unschedulableMessage(p).isEmpty());

        cordon(target, false);

        JsonNode high = awaitPod("b-high", SchedulingRulesTest::bound);
        JsonNode low = awaitPod("a-low", p -> unschedulableMessage(p).contains("Insufficient cpu"));
        assertThat(high.path("spec").path("nodeName").asString()).isEqualTo(target);
        assertThat(high.path("spec").path("priority").asLong()).isEqualTo(2_000_000_000L);
        assertThat(bound(low)).isFalse();
        assertThat(low.path("spec").path("priority").asLong()).isZero();
        assertThat(unschedulableMessage(low)).contains("1 Insufficient cpu");
    }

    private void cordon(String node, boolean unschedulable) throws Exception {
        HttpResponse<String> patched = http.send("PATCH", "/api/v1/nodes/" + node, "application/merge-patch+json",
                "{\"spec\":{\"unschedulable\":" + unschedulable + "}}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    }

    // The node's allocatable CPU less what the pods bound there request, in millicores.
    private long freeCpuMillis(String node) throws Exception {
        BigDecimal free = Quantity.getAmountInBytes(new Quantity(http.json("/api/v1/nodes/" + node)
                .path("status").path("allocatable").path("cpu").asString()));
        for (JsonNode pod : http.json("/api/v1/pods?fieldSelector=spec.nodeName%3D" + node).path("items")) {
            for (JsonNode c : pod.path("spec").path("containers")) {
                String cpu = c.path("resources").path("requests").path("cpu").asString("");
                if (!cpu.isEmpty()) {
                    free = free.subtract(Quantity.getAmountInBytes(new Quantity(cpu)));
                }
            }
        }
        return free.movePointRight(3).longValue();
    }
}
