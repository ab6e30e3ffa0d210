package dev.gpufleet.views.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.TestFleets;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/// The multi-selection model: by ordinal in one frame, carried by name into the next.
class HeatmapSelectionTest {

    private static final FleetSnapshot DEMO = TestFleets.demo(1, 0);

    private static HeatmapFrame frame(HeatmapArrangement arrangement) {
        return HeatmapFrame.extract(DEMO, HeatmapMetric.UTILIZATION, null, arrangement);
    }

    private static BitSet bits(int... ordinals) {
        BitSet bits = new BitSet();
        for (int o : ordinals) {
            bits.set(o);
        }
        return bits;
    }

    @Test
    void namesItsGpusInHeatmapOrder() {
        HeatmapFrame frame = frame(HeatmapArrangement.DEFAULT);
        HeatmapSelection selection = HeatmapSelection.of(frame, bits(9, 3, 300));

        assertThat(selection.size()).isEqualTo(3);
        assertThat(selection.contains(9)).isTrue();
        assertThat(selection.contains(10)).isFalse();
        assertThat(selection.gpus()).containsExactly(frame.selectionAt(3), frame.selectionAt(9), frame.selectionAt(300));
    }

    @Test
    void survivesResortingByName() {
        HeatmapFrame byName = frame(HeatmapArrangement.DEFAULT);
        HeatmapSelection selection = HeatmapSelection.of(byName, bits(8, 17, 400));
        HeatmapFrame byHealth = frame(HeatmapArrangement.DEFAULT.withSort(HeatmapSort.HEALTH));

        HeatmapSelection carried = selection.remapTo(byHealth);

        assertThat(carried.frame()).isSameAs(byHealth);
        assertThat(carried.gpus()).containsExactlyInAnyOrderElementsOf(selection.gpus());
        assertThat(carried.bits()).isNotEqualTo(selection.bits());
    }

    @Test
    void gpusTheFilterHidesLeaveTheSelection() throws Exception {
        HeatmapFrame all = frame(HeatmapArrangement.DEFAULT);
        int failing = all.ordinalOf(new GpuSelection("prod-east", TestFleets.nodeName("prod-east", 1), 2, null));
        HeatmapSelection selection = HeatmapSelection.of(all, bits(0, failing));

        HeatmapSelection carried = selection.remapTo(
                frame(HeatmapArrangement.DEFAULT.withFilter(HeatmapFilter.parse("health:failing"))));

        assertThat(carried.gpus()).containsExactly(all.selectionAt(failing));
        assertThat(HeatmapSelection.of(all, new BitSet())).isSameAs(HeatmapSelection.EMPTY);
    }
}
