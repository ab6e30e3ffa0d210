package dev.gpufleet.core.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/// kubectl label's syntax and the API server's rules for label keys and values, with errors
/// that name the part that is wrong.
class LabelEditTest {

    @Test
    void setsOverwritesAndRemovesInKubectlSyntax() {
        assertThat(LabelEdit.parse("team=ml")).isEqualTo(new LabelEdit("team", "ml"));
        assertThat(LabelEdit.parse("nvidia.com/gpu.product=H100-SXM")).isEqualTo(
                new LabelEdit("nvidia.com/gpu.product", "H100-SXM"));
        assertThat(LabelEdit.parse("example.com/empty=")).isEqualTo(new LabelEdit("example.com/empty", ""));
        LabelEdit removal = LabelEdit.parse("team-");
        assertThat(removal.removes()).isTrue();
        assertThat(removal.key()).isEqualTo("team");
        assertThat(removal).hasToString("team-");
        assertThat(NodeChange.label(LabelEdit.parse("team=ml")).describe()).isEqualTo("label team=ml");
    }

    @Test
    void severalEditsAreReadTogetherAndAKeyMayAppearOnce() {
        assertThat(LabelEdit.parseAll(" team=ml, zone- tier=gold ")).extracting(LabelEdit::toString)
                .containsExactly("team=ml", "zone-", "tier=gold");
        assertThatThrownBy(() -> LabelEdit.parseAll("team=ml team-")).hasMessageContaining("\"team\" is given twice");
        assertThatThrownBy(() -> LabelEdit.parseAll("  ")).hasMessageContaining("no label given");
    }

    @Test
    void eachWrongPartIsNamed() {
        assertThatThrownBy(() -> LabelEdit.parse("team")).hasMessageContaining("neither key=value")
                .hasMessageContaining("key-");
        assertThatThrownBy(() -> LabelEdit.parse("=ml")).hasMessageContaining("the label key is empty");
        assertThatThrownBy(() -> LabelEdit.parse("-team=ml")).hasMessageContaining("the name \"-team\"")
                .hasMessageContaining("begin and end with a letter or digit");
        assertThatThrownBy(() -> LabelEdit.parse("Example.com/team=ml")).hasMessageContaining("the prefix \"Example.com\"")
                .hasMessageContaining("DNS subdomain");
        assertThatThrownBy(() -> LabelEdit.parse("/team=ml")).hasMessageContaining("the prefix \"\"");
        assertThatThrownBy(() -> LabelEdit.parse("team=has space")).hasMessageContaining("the value \"has space\"");
        String longName = "a".repeat(64);
        assertThatThrownBy(() -> LabelEdit.parse(longName + "=x")).hasMessageContaining("64 characters long; at most 63");
        assertThatThrownBy(() -> LabelEdit.parse("team=" + longName)).hasMessageContaining("the value")
                .hasMessageContaining("at most 63");
        assertThatThrownBy(() -> LabelEdit.parse("example.com/=x")).hasMessageContaining("the name \"\"")
                .hasMessageContaining("is empty");
        assertThat(List.of("a", "a.b_c-d", "A1")).allSatisfy(name -> assertThat(new LabelEdit(name, name).key())
                .isEqualTo(name));
    }
}
