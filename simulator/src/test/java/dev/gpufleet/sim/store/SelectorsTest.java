package dev.gpufleet.sim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SelectorsTest {

    private static final Map<String, String> LABELS = Map.of("app", "vllm", "tier", "online", "gpufleet.dev/team", "a");

    @Test
    void labelSelectorOperators() {
        assertThat(LabelSelector.parse("").matches(LABELS)).isTrue();
        assertThat(LabelSelector.parse("app=vllm").matches(LABELS)).isTrue();
        assertThat(LabelSelector.parse("app == vllm").matches(LABELS)).isTrue();
        assertThat(LabelSelector.parse("app!=vllm").matches(LABELS)).isFalse();
        assertThat(LabelSelector.parse("app in (triton, vllm)").matches(LABELS)).isTrue();
        assertThat(LabelSelector.parse("app notin (triton,vllm)").matches(LABELS)).isFalse();
        assertThat(LabelSelector.parse("gpufleet.dev/team").matches(LABELS)).isTrue();
        assertThat(LabelSelector.parse("!gpufleet.dev/team").matches(LABELS)).isFalse();
        assertThat(LabelSelector.parse("!missing,app in (vllm),tier=online").matches(LABELS)).isTrue();
        assertThat(LabelSelector.parse("missing notin (x)").matches(LABELS)).isTrue();
    }

    @Test
    void labelSelectorRejectsGarbage() {
        assertThatThrownBy(() -> LabelSelector.parse("app=(x"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }

    @Test
    void fieldSelectorTermsAndEscapes() {
        Set<String> fields = Fields.supported("events");
        FieldSelector selector = FieldSelector.parse(
                "involvedObject.name=n1,involvedObject.namespace=,type!=Normal,reason==a\\,b", fields);

        assertThat(selector.terms()).containsExactly(
                new FieldSelector.Term("involvedObject.name", "n1", true),
                new FieldSelector.Term("involvedObject.namespace", "", true),
                new FieldSelector.Term("type", "Normal", false),
                new FieldSelector.Term("reason", "a,b", true));
        assertThat(selector.requiredValue("involvedObject.name")).isEqualTo("n1");
        assertThat(selector.requiredValue("type")).isNull();
    }

    @Test
    void fieldSelectorRejectsUnknownFieldsLikeTheApiServer() {
        assertThatThrownBy(() -> FieldSelector.parse("spec.nodeName=x", Fields.supported("nodes")))
                .hasMessage("field label not supported: spec.nodeName");
        assertThatThrownBy(() -> FieldSelector.parse("novalue", Fields.supported("pods")))
                .isInstanceOf(ApiException.class);
    }
}
