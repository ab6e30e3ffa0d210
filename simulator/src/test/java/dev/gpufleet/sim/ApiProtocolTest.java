package dev.gpufleet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/// The Kubernetes REST semantics the simulator promises, checked over raw HTTPS: auth, errors,
/// discovery, paging, selectors, Tables, watches, patches and evictions.
@Timeout(120)
class ApiProtocolTest {

    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

    private static SimulatorServer sim;
    private static SimHttp http;

    @BeforeAll
    static void start() throws Exception {
        sim = SimulatorServer.start(SimConfig.defaults().withSeed(7));
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

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void withoutTokenEveryPathIsUnauthorized() throws Exception {
        for (String path : List.of("/version", "/api/v1/nodes", "/api/v1/namespaces/gpu-operator/pods")) {
            HttpResponse<String> r = http.getWithoutToken(path);
            JsonNode status = SimHttp.JSON.readTree(r.body());
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(status.path("kind").asString()).isEqualTo("Status");
            assertThat(status.path("reason").asString()).isEqualTo("Unauthorized");
            assertThat(status.path("code").asInt()).isEqualTo(401);
        }
    }

    @Test
    void unknownPathsAndObjectsAreNotFoundStatuses() throws Exception {
        HttpResponse<String> path = http.get("/api/v1/widgets");
        HttpResponse<String> group = http.get("/apis/example.com/v1");
        HttpResponse<String> node = http.get("/api/v1/nodes/gpu-nope-001");

        assertThat(path.statusCode()).isEqualTo(404);
        assertThat(group.statusCode()).isEqualTo(404);
        assertThat(node.statusCode()).isEqualTo(404);
        JsonNode status = SimHttp.JSON.readTree(node.body());
        assertThat(status.path("message").asString()).isEqualTo("nodes \"gpu-nope-001\" not found");
        assertThat(status.path("details").path("kind").asString()).isEqualTo("nodes");
    }

    @Test
    void discoveryListsGroupsAndResources() throws Exception {
        assertThat(http.json("/version").path("gitVersion").asString()).startsWith("v1.31.");
        assertThat(http.json("/api").path("versions").get(0).asString()).isEqualTo("v1");
        List<String> groups = new ArrayList<>();
        http.json("/apis").path("groups").forEach(g -> groups.add(g.path("name").asString()));
        List<String> core = new ArrayList<>();
        http.json("/api/v1").path("resources").forEach(r -> core.add(r.path("name").asString()));

        assertThat(groups).contains("apps", "batch", "policy", "coordination.k8s.io");
        assertThat(core).contains("nodes", "pods", "namespaces", "events", "pods/proxy", "pods/eviction");
        assertThat(http.json("/apis/apps/v1").path("resources").toString())
                .contains("\"deployments\"", "\"replicasets\"", "\"daemonsets\"", "\"statefulsets\"");
    }

    @Test
    void pagesWithLimitAndContinueCoverTheListOnceInOrder() throws Exception {
        List<String> all = names(http.json("/api/v1/pods"));
        List<String> paged = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            JsonNode page = http.json("/api/v1/pods?limit=100" + (token.isEmpty() ? "" : "&continue=" + q(token)));
            paged.addAll(names(page));
            token = page.path("metadata").path("continue").asString("");
            pages++;
        } while (!token.isEmpty());

        assertThat(pages).isGreaterThan(1);
        assertThat(paged).isEqualTo(all).doesNotHaveDuplicates();
        assertThat(http.get("/api/v1/pods?limit=10&continue=garbage").statusCode()).isEqualTo(400);
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("items").forEach(i -> names.add(i.path("metadata").path("namespace").asString("") + "/"
                + i.path("metadata").path("name").asString()));
        return names;
    }

    @Test
    void labelSelectorsSupportEveryOperator() throws Exception {
        int all = http.json("/api/v1/pods").path("items").size();
        int exporters = count("/api/v1/pods?labelSelector=" + q("app=nvidia-dcgm-exporter"));

        assertThat(exporters).isEqualTo(64);
        assertThat(count("/api/v1/pods?labelSelector=" + q("app==nvidia-dcgm-exporter"))).isEqualTo(exporters);
        assertThat(count("/api/v1/pods?labelSelector=" + q("app in (nvidia-dcgm-exporter, nope)"))).isEqualTo(exporters);
        assertThat(count("/api/v1/pods?labelSelector=" + q("app!=nvidia-dcgm-exporter"))).isEqualTo(all - exporters);
        int jobs = count("/api/v1/pods?labelSelector=" + q("job-name"));
        assertThat(jobs).isPositive();
        assertThat(count("/api/v1/pods?labelSelector=" + q("!job-name"))).isEqualTo(all - jobs);
        assertThat(count("/api/v1/pods?labelSelector=" + q("job-name,app in (x)"))).isZero();
        assertThat(count("/api/v1/pods?labelSelector=" + q("job-name,app notin (x)"))).isEqualTo(jobs);
        assertThat(http.get("/api/v1/pods?labelSelector=" + q("a=(b")).statusCode()).isEqualTo(400);
    }

    @Test
    void fieldSelectorsFilterPodsNodesAndEvents() throws Exception {
        String node = "gpu-h100-a-003";
        int onNode = count("/api/v1/pods?fieldSelector=" + q("spec.nodeName=" + node));
        int notRunning = count("/api/v1/pods?fieldSelector=" + q("status.phase!=Running"));
        int pending = count("/api/v1/pods?fieldSelector=" + q("status.phase==Pending,metadata.namespace!=kube-system"));
        String uid = http.json("/api/v1/nodes/gpu-h100-a-001").path("metadata").path("uid").asString();

        assertThat(onNode).isGreaterThanOrEqualTo(4);
        assertThat(notRunning).isPositive().isEqualTo(pending);
        assertThat(count("/api/v1/nodes?fieldSelector=" + q("metadata.name=" + node))).isEqualTo(1);
        assertThat(count("/api/v1/namespaces/notebooks/pods?fieldSelector=" + q("metadata.namespace=notebooks")))
                .isEqualTo(count("/api/v1/namespaces/notebooks/pods"));
        assertThat(count("/api/v1/events?fieldSelector=" + q("involvedObject.kind=Node,involvedObject.uid=" + uid
                + ",involvedObject.namespace=")) >= 0).isTrue();
        HttpResponse<String> bad = http.get("/api/v1/pods?fieldSelector=" + q("spec.bogus=1"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("field label not supported: spec.bogus");
    }

    private static int count(String path) throws Exception {
        return http.json(path).path("items").size();
    }

    @Test
    void tablesCarryColumnsCellsAndObjectMetadata() throws Exception {
        JsonNode nodes = SimHttp.JSON.readTree(http.get("/api/v1/nodes?limit=500", TABLE).body());
        JsonNode pods = SimHttp.JSON.readTree(http.get("/api/v1/namespaces/inference/pods?includeObject=Object", TABLE).body());

        assertThat(nodes.path("kind").asString()).isEqualTo("Table");
        assertThat(columnNames(nodes)).containsExactly("Name", "Status", "Roles", "Age", "Version", "Internal-IP",
                "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime");
        assertThat(nodes.path("rows")).hasSize(64);
        JsonNode row = nodes.path("rows").get(0);
        assertThat(row.path("cells")).hasSize(10);
        assertThat(row.path("object").path("kind").asString()).isEqualTo("PartialObjectMetadata");
        assertThat(columnNames(pods)).startsWith("Name", "Ready", "Status", "Restarts", "Age", "IP", "Node");
        assertThat(pods.path("rows").get(0).path("object").path("kind").asString()).isEqualTo("Pod");
    }

    private static List<String> columnNames(JsonNode table) {
        List<String> names = new ArrayList<>();
        table.path("columnDefinitions").forEach(c -> names.add(c.path("name").asString()));
        return names;
    }

    @Test
    void watchReplaysFromAResourceVersionAndReportsPatches() throws Exception {
        String node = "gpu-a100-a-004";
        String rv = http.json("/api/v1/nodes?limit=1").path("metadata").path("resourceVersion").asString();
        CompletableFuture<HttpResponse<Stream<String>>> watch = http.client().sendAsync(http.request(
                "/api/v1/nodes?watch=1&timeoutSeconds=3&resourceVersion=" + rv).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread.sleep(300);
        HttpResponse<String> patched = http.send("PATCH", "/api/v1/nodes/" + node, "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"gpufleet.dev/watched\":\"yes\"}}}");
        List<JsonNode> events = new ArrayList<>();
        watch.get(10, TimeUnit.SECONDS).body().forEach(line -> events.add(SimHttp.JSON.readTree(line)));

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.path("type").asString()).isEqualTo("MODIFIED"));
        JsonNode object = events.getFirst().path("object");
        assertThat(object.path("metadata").path("name").asString()).isEqualTo(node);
        assertThat(object.path("metadata").path("labels").path("gpufleet.dev/watched").asString()).isEqualTo("yes");
        assertThat(Long.parseLong(object.path("metadata").path("resourceVersion").asString())).isGreaterThan(Long.parseLong(rv));
    }

    @Test
    void watchWithoutVersionStartsWithAddedAndEndsWithABookmark() throws Exception {
        List<JsonNode> events = new ArrayList<>();
        http.client().send(http.request("/api/v1/namespaces/notebooks/pods?watch=true&timeoutSeconds=1"
                + "&allowWatchBookmarks=true").GET().build(), HttpResponse.BodyHandlers.ofLines()).body()
                .forEach(line -> events.add(SimHttp.JSON.readTree(line)));

        int pods = count("/api/v1/namespaces/notebooks/pods");
        assertThat(events).hasSize(pods + 1);
        assertThat(events.subList(0, pods)).allSatisfy(e -> assertThat(e.path("type").asString()).isEqualTo("ADDED"));
        assertThat(events.getLast().path("type").asString()).isEqualTo("BOOKMARK");
        assertThat(events.getLast().path("object").path("metadata").path("resourceVersion").asString()).isNotBlank();
    }

    @Test
    void watchFromAForgottenVersionAnswersExpired() throws Exception {
        List<String> lines = http.client().send(http.request("/api/v1/pods?watch=true&resourceVersion=5").GET().build(),
                HttpResponse.BodyHandlers.ofLines()).body().toList();

        assertThat(lines).hasSize(1);
        JsonNode event = SimHttp.JSON.readTree(lines.getFirst());
        assertThat(event.path("type").asString()).isEqualTo("ERROR");
        assertThat(event.path("object").path("code").asInt()).isEqualTo(410);
    }

    @Test
    void patchesMergeDeleteAndDetectConflicts() throws Exception {
        String path = "/api/v1/nodes/gpu-l40s-a-005";
        String rv = http.json(path).path("metadata").path("resourceVersion").asString();
        http.send("PATCH", path, "application/strategic-merge-patch+json",
                "{\"metadata\":{\"labels\":{\"x\":\"1\"},\"annotations\":{\"y\":\"2\"}},\"spec\":{\"taints\":"
                        + "[{\"key\":\"gpufleet.dev/fault\",\"effect\":\"NoSchedule\"}]}}");
        JsonNode after = http.json(path);
        http.send("PATCH", path, "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"x\":null}}}");
        HttpResponse<String> jsonPatch = http.send("PATCH", path, "application/json-patch+json",
                "[{\"op\":\"replace\",\"path\":\"/spec/unschedulable\",\"value\":true}]");
        HttpResponse<String> stale = http.send("PATCH", path, "application/merge-patch+json",
                "{\"metadata\":{\"resourceVersion\":\"" + rv + "\",\"labels\":{\"z\":\"3\"}}}");
        HttpResponse<String> apply = http.send("PATCH", path, "application/apply-patch+yaml", "{}");

        assertThat(after.path("metadata").path("labels").path("x").asString()).isEqualTo("1");
        assertThat(after.path("spec").path("taints")).hasSize(1);
        assertThat(http.json(path).path("metadata").path("labels").has("x")).isFalse();
        assertThat(jsonPatch.statusCode()).isEqualTo(422);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(SimHttp.JSON.readTree(stale.body()).path("reason").asString()).isEqualTo("Conflict");
        assertThat(apply.statusCode()).isEqualTo(415);
    }

    @Test
    void evictionRespectsDisruptionBudgets() throws Exception {
        JsonNode pdb = null;
        for (JsonNode candidate : http.json("/apis/policy/v1/namespaces/inference/poddisruptionbudgets").path("items")) {
            if (candidate.path("status").path("disruptionsAllowed").asInt() == 1) {
                pdb = candidate;
                break;
            }
        }
        assertThat(pdb).as("a budget that allows one disruption").isNotNull();
        String app = pdb.path("spec").path("selector").path("matchLabels").path("app").asString();
        List<String> pods = new ArrayList<>();
        http.json("/api/v1/namespaces/inference/pods?labelSelector=" + q("app=" + app)).path("items")
                .forEach(p -> pods.add(p.path("metadata").path("name").asString()));
        String body = "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"%s\"}}";

        HttpResponse<String> first = http.send("POST", "/api/v1/namespaces/inference/pods/" + pods.get(0) + "/eviction",
                "application/json", body.formatted(pods.get(0)));
        HttpResponse<String> second = http.send("POST", "/api/v1/namespaces/inference/pods/" + pods.get(1) + "/eviction",
                "application/json", body.formatted(pods.get(1)));
        JsonNode terminating = http.json("/api/v1/namespaces/inference/pods/" + pods.get(0));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(terminating.path("metadata").path("deletionTimestamp").isString()).isTrue();
        assertThat(terminating.path("metadata").path("deletionGracePeriodSeconds").asLong()).isEqualTo(30);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.body()).contains("DisruptionBudget").contains(pdb.path("metadata").path("name").asString());
        // The containers stop within 3 s; then the pod is gone and a second eviction finds nothing.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (http.get("/api/v1/namespaces/inference/pods/" + pods.get(0)).statusCode() != 404
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        HttpResponse<String> gone = http.send("POST", "/api/v1/namespaces/inference/pods/" + pods.get(0) + "/eviction",
                "application/json", body.formatted(pods.get(0)));
        assertThat(gone.statusCode()).isEqualTo(404);
    }

    @Test
    void resourceVersionsOnlyGrow() throws Exception {
        Set<Long> seen = new HashSet<>();
        long before = Long.parseLong(http.json("/api/v1/namespaces").path("metadata").path("resourceVersion").asString());
        http.send("PATCH", "/api/v1/namespaces/default", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"touched\":\"true\"}}}");
        long after = Long.parseLong(http.json("/api/v1/namespaces").path("metadata").path("resourceVersion").asString());
        http.json("/api/v1/namespaces").path("items").forEach(n ->
                seen.add(Long.parseLong(n.path("metadata").path("resourceVersion").asString())));

        assertThat(after).isGreaterThan(before);
        assertThat(seen).allSatisfy(v -> assertThat(v).isLessThanOrEqualTo(after)).doesNotHaveDuplicates();
        HttpRequest head = http.request("/api/v1/nodes").method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        assertThat(http.client().send(head, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    }

    @Test
    void accessReviewsAllowTheTokenHolder() throws Exception {
        HttpResponse<String> r = http.send("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                "application/json", "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\","
                        + "\"spec\":{\"resourceAttributes\":{\"verb\":\"create\",\"resource\":\"pods\","
                        + "\"subresource\":\"eviction\",\"namespace\":\"inference\"}}}");

        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode review = SimHttp.JSON.readTree(r.body());
        assertThat(review.path("status").path("allowed").asBoolean()).isTrue();
        assertThat(review.path("spec").path("resourceAttributes").path("subresource").asString()).isEqualTo("eviction");
    }

    @Test
    void podLogsAreText() throws Exception {
        String pod = http.json("/api/v1/namespaces/gpu-operator/pods?labelSelector=app%3Dnvidia-dcgm-exporter&limit=1")
                .path("items").get(0).path("metadata").path("name").asString();
        HttpResponse<String> r = http.get("/api/v1/namespaces/gpu-operator/pods/" + pod + "/log?tailLines=1");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Listening on").hasLineCount(1);
    }
}
