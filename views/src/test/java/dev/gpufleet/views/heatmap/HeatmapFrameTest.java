package dev.gpufleet.views.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.TestFleets;
import org.junit.jupiter.api.Test;

class HeatmapFrameTest {

    @Test
    void extractsOneValuePerGpuForTheMetric() {
        FleetSnapshot fleet = TestFleets.demo(1, 0);

        HeatmapFrame temperature = HeatmapFrame.extract(fleet, HeatmapMetric.TEMPERATURE, null);

        assertThat(temperature.gpuCount()).isEqualTo(512);
        for (int o = 0; o < temperature.gpuCount(); o++) {
            assertThat(Double.valueOf(temperature.value(o))).isEqualTo(Double.valueOf(temperature.gpu(o).value(Metric.GPU_TEMP)));
        }
    }

    @Test
    void migCardsShowTheMeanOfTheirInstances() {
        HeatmapFrame frame = HeatmapFrame.extract(TestFleets.demo(1, 0), HeatmapMetric.UTILIZATION, null);

        int mig = frame.ordinalOf(new GpuSelection("prod-east", TestFleets.nodeName("prod-east", 6), 1, null));

        assertThat(frame.value(mig)).isCloseTo(40.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void selectionsRoundTripThroughOrdinals() {
        HeatmapFrame frame = HeatmapFrame.extract(TestFleets.demo(1, 0), HeatmapMetric.MEMORY, null);

        for (int o = 0; o < frame.gpuCount(); o += 7) {
            assertThat(frame.ordinalOf(frame.selectionAt(o))).isEqualTo(o);
        }
        assertThat(frame.ordinalOf(new GpuSelection("nowhere", "x", 0, null))).isEqualTo(-1);
        assertThat(frame.ordinalOf(null)).isEqualTo(-1);
    }

    @Test
    void keepsTheTopologyWhenOnlyReadingsChanged() {
        HeatmapFrame first = HeatmapFrame.extract(TestFleets.demo(1, 0), HeatmapMetric.UTILIZATION, null);
        HeatmapFrame second = HeatmapFrame.extract(TestFleets.demo(2, 5), HeatmapMetric.UTILIZATION, first.topology());
        HeatmapFrame reshaped = HeatmapFrame.extract(TestFleets.simple(3, 4, 8), HeatmapMetric.UTILIZATION,
                second.topology());

        assertThat(second.topology()).isSameAs(first.topology());
        assertThat(reshaped.topology()).isNotSameAs(first.topology());
        assertThat(reshaped.gpuCount()).isEqualTo(32);
    }

    @Test
    void marksCordonedNodesAndMissingReadings() {
        HeatmapFrame frame = HeatmapFrame.extract(TestFleets.demo(1, 0), HeatmapMetric.UTILIZATION, null);

        assertThat(frame.cordoned(5)).isTrue();
        assertThat(frame.cordoned(4)).isFalse();
        int silent = frame.topology().firstOrdinal(2);
        assertThat(frame.sampledAtMillis(silent)).isEqualTo(HeatmapFrame.NEVER);
        assertThat(frame.value(silent)).isNaN();
    }
}
