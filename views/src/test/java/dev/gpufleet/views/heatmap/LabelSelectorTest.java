package dev.gpufleet.views.heatmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorTest {

    private static final Map<String, String> SPOT = Map.of(
            "karpenter.sh/nodepool", "h100-spot", "topology.kubernetes.io/zone", "us-east-1a", "gpus", "8");
    private static final Map<String, String> RESERVED = Map.of(
            "karpenter.sh/nodepool", "h100-reserved", "topology.kubernetes.io/zone", "us-east-1b", "dedicated", "");

    private static boolean spot(String selector) throws LabelSelector.ParseException {
        return LabelSelector.parse(selector).matches(SPOT);
    }

    private static boolean reserved(String selector) throws LabelSelector.ParseException {
        return LabelSelector.parse(selector).matches(RESERVED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "karpenter.sh/nodepool=h100-spot; true; false",
        "karpenter.sh/nodepool==h100-spot; true; false",
        "karpenter.sh/nodepool!=h100-spot; false; true",
        "dedicated; false; true",
        "!dedicated; true; false",
        "topology.kubernetes.io/zone in (us-east-1a, us-east-1c); true; false",
        "topology.kubernetes.io/zone notin (us-east-1a); false; true",
        "karpenter.sh/nodepool, !dedicated; true; false",
        "gpus>4; true; false",
        "gpus<4; false; false",
        "dedicated=; false; true",
        "'  '; true; true",
    })
    void matchesLikeKubectl(String selector, boolean matchesSpot, boolean matchesReserved) throws Exception {
        assertThat(spot(selector)).as("%s on the spot node", selector).isEqualTo(matchesSpot);
        assertThat(reserved(selector)).as("%s on the reserved node", selector).isEqualTo(matchesReserved);
    }

    @Test
    void notEqualsAndNotInHoldForNodesWithoutTheLabel() throws Exception {
        assertThat(LabelSelector.parse("pool!=a").matches(Map.of())).isTrue();
        assertThat(LabelSelector.parse("pool notin (a,b)").matches(Map.of())).isTrue();
        assertThat(LabelSelector.parse("pool in (a,b)").matches(Map.of())).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "zone in a; 9; expected '('",
        "zone in (a, b; 14; expected ')' at the end",
        "zone=a pool=b; 8; expected ','",
        "zone ~ a; 6; expected =, ==, !=, in, notin",
        "zone=a,; 8; expected a label key at the end",
        "-zone=a; 1; not a valid label key",
        "zone=a b@; 8; expected ','",
        "zone=@x; 6; '@x' is not a valid label value",
        "gpus>many; 6; compares with a whole number",
        "!; 2; expected a label key",
    })
    void mistakesNameWhatAndWhere(String selector, int column, String message) {
        assertThatThrownBy(() -> LabelSelector.parse(selector))
                .isInstanceOf(LabelSelector.ParseException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((LabelSelector.ParseException) e).column()).isEqualTo(column);
    }
}
