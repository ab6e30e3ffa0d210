package dev.gpufleet.sim.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.sim.store.ApiException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PatchesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode NODE = JSON.readTree("""
            {"metadata":{"name":"n","labels":{"a":"1","b":"2"}},
             "spec":{"taints":[{"key":"t1","effect":"NoSchedule"},{"key":"t2","effect":"NoExecute"}]}}""");

    private static JsonNode apply(String type, String patch) {
        return Patches.apply(JSON, type, NODE, patch.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mergePatchMergesObjectsDeletesNullsAndReplacesLists() {
        JsonNode result = apply(Patches.MERGE,
                "{\"metadata\":{\"labels\":{\"a\":null,\"c\":\"3\"}},\"spec\":{\"unschedulable\":true,\"taints\":[]}}");

        assertThat(result.path("metadata").path("labels").toString()).isEqualTo("{\"b\":\"2\",\"c\":\"3\"}");
        assertThat(result.path("spec").path("unschedulable").asBoolean()).isTrue();
        assertThat(result.path("spec").path("taints")).isEmpty();
        assertThat(NODE.path("metadata").path("labels").has("a")).as("target untouched").isTrue();
    }

    @Test
    void strategicMergeIgnoresDirectives() {
        JsonNode result = apply(Patches.STRATEGIC,
                "{\"spec\":{\"$setElementOrder/taints\":[{\"key\":\"t2\"}],\"unschedulable\":true}}");

        assertThat(result.path("spec").has("$setElementOrder/taints")).isFalse();
        assertThat(result.path("spec").path("taints")).hasSize(2);
    }

    @Test
    void jsonPatchOperations() {
        JsonNode result = apply(Patches.JSON_PATCH, """
                [{"op":"test","path":"/metadata/name","value":"n"},
                 {"op":"add","path":"/metadata/labels/gpufleet.dev~1x","value":"y"},
                 {"op":"remove","path":"/metadata/labels/b"},
                 {"op":"add","path":"/spec/taints/-","value":{"key":"t3"}},
                 {"op":"remove","path":"/spec/taints/0"},
                 {"op":"replace","path":"/metadata/name","value":"m"},
                 {"op":"copy","from":"/metadata/labels/a","path":"/metadata/labels/z"},
                 {"op":"move","from":"/metadata/labels/z","path":"/metadata/labels/w"}]""");

        assertThat(result.path("metadata").path("labels").toString())
                .isEqualTo("{\"a\":\"1\",\"gpufleet.dev/x\":\"y\",\"w\":\"1\"}");
        assertThat(result.path("spec").path("taints").toString())
                .isEqualTo("[{\"key\":\"t2\",\"effect\":\"NoExecute\"},{\"key\":\"t3\"}]");
        assertThat(result.path("metadata").path("name").asString()).isEqualTo("m");
    }

    @Test
    void jsonPatchFailuresAreApiErrors() {
        assertThatThrownBy(() -> apply(Patches.JSON_PATCH, "[{\"op\":\"test\",\"path\":\"/metadata/name\",\"value\":\"x\"}]"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(422));
        assertThatThrownBy(() -> apply(Patches.JSON_PATCH, "[{\"op\":\"remove\",\"path\":\"/nope/x\"}]"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(422));
        assertThatThrownBy(() -> apply(Patches.JSON_PATCH, "{}"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
        assertThatThrownBy(() -> apply(Patches.MERGE, "{not json"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
