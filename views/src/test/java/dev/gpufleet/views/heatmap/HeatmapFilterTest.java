package dev.gpufleet.views.heatmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.views.TestFleets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeatmapFilterTest {

    private static final FleetSnapshot FLEET = TestFleets.demo(1, 0);

    private static NodeSnapshot node(int n) {
        return FLEET.clusters().getFirst().nodes().get(n);
    }

    private static HeatmapFilter filter(String text) throws HeatmapFilter.ParseException {
        return HeatmapFilter.parse(text);
    }

    @Test
    void blankShowsEverything() throws Exception {
        HeatmapFilter all = filter("   ");

        assertThat(all.isEmpty()).isTrue();
        assertThat(all.matchesNode(node(3))).isTrue();
        assertThat(all.matchesGpu(node(2).gpus().getFirst())).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
        "prod-gpu-01*, true, true, false",
        "node:prod-gpu-0?1, false, true, false",
        "gpu-010, true, false, false",
        "'node:*-01?', true, true, false",
        "'*gpu*1', false, true, false",
    })
    void nodeNamesMatchGlobsOrSubstrings(String text, boolean n10, boolean n11, boolean n2) throws Exception {
        HeatmapFilter f = filter(text);
        assertThat(f.matchesNode(node(10))).as("%s on %s", text, node(10).name()).isEqualTo(n10);
        assertThat(f.matchesNode(node(11))).as("%s on %s", text, node(11).name()).isEqualTo(n11);
        assertThat(f.matchesNode(node(2))).as("%s on %s", text, node(2).name()).isEqualTo(n2);
    }

    @Test
    void labelSelectorsComeWithDashLOrLabelAndMayBeQuoted() throws Exception {
        assertThat(filter("-l karpenter.sh/nodepool=h100-spot").matchesNode(node(1))).isTrue();
        assertThat(filter("label:karpenter.sh/nodepool!=h100-spot").matchesNode(node(1))).isFalse();
        assertThat(filter("-l \"topology.kubernetes.io/zone in (us-east-1a, us-west-2b)\"").matchesNode(node(1)))
                .isTrue();
        assertThat(filter("-l topology.kubernetes.io/zone notin (us-east-1a, us-west-2b)").matchesNode(node(1)))
                .isFalse();
        assertThat(filter("label:topology.kubernetes.io/zone in (us-west-2b) prod-gpu-001").matchesNode(node(1)))
                .as("the value list belongs to the selector, the last word is a node name").isFalse();
        assertThat(filter("-l topology.kubernetes.io/zone in (us-east-1a),!spot prod-gpu-001").matchesNode(node(1)))
                .isTrue();
    }

    @Test
    void gpuTermsPickGpusByHealthModelAndPod() throws Exception {
        GpuSnapshot failing = node(1).gpus().get(2);
        GpuSnapshot healthy = node(1).gpus().get(3);
        GpuSnapshot silent = node(2).gpus().get(0);
        GpuSnapshot mig = node(6).gpus().get(1);

        assertThat(filter("health>=warning").matchesGpu(failing)).isTrue();
        assertThat(filter("health:warning").matchesGpu(healthy)).isFalse();
        assertThat(filter("health:unknown").matchesGpu(silent)).isTrue();
        assertThat(filter("model:h100-80gb").matchesGpu(healthy)).isTrue();
        assertThat(filter("model:A100").matchesGpu(healthy)).isFalse();
        assertThat(filter("ns:ml-team").matchesGpu(node(1).gpus().get(0))).isTrue();
        assertThat(filter("ns:ml-team").matchesGpu(node(1).gpus().get(1))).isFalse();
        assertThat(filter("pod:research/notebook-2").matchesGpu(mig)).as("MIG instances' pods count").isTrue();
        assertThat(filter("pod:kube-system/notebook").matchesGpu(mig)).isFalse();
        assertThat(filter("health:failing").hasGpuTerms()).isTrue();
        assertThat(filter("gpu-00*").hasGpuTerms()).isFalse();
    }

    @Test
    void everyTermMustHold() throws Exception {
        HeatmapFilter f = filter("prod-gpu-00* health:failing");

        assertThat(f.matchesNode(node(1))).isTrue();
        assertThat(f.matchesNode(node(11))).isFalse();
        assertThat(f.matchesGpu(node(1).gpus().get(2))).isTrue();
        assertThat(f.matchesGpu(node(1).gpus().get(3))).isFalse();
        assertThat(Health.FAILING).isEqualTo(node(1).gpus().get(2).health());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "gpu zone:a; 5; unknown term 'zone:'",
        "health:bad; 8; unknown health 'bad'",
        "health>=; 9; unknown health ''",
        "ns:; 4; needs a value",
        "-l; 1; needs a label selector",
        "gpu -l \"zone in (a\"; 19; expected ')'",
        "-l pool=a,=b; 11; label selector: expected a label key",
        "-l zone in (a,@b) x; 15; '@b' is not a valid label value",
        "gpu \"open; 5; never closed",
        "gpu (a; 5; never closed",
        "gpu a); 6; without a matching '('",
    })
    void mistakesNameWhatAndWhere(String text, int column, String message) {
        assertThatThrownBy(() -> HeatmapFilter.parse(text))
                .isInstanceOf(HeatmapFilter.ParseException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((HeatmapFilter.ParseException) e).column()).isEqualTo(column);
    }
}
