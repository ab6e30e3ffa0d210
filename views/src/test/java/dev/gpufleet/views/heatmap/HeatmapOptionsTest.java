package dev.gpufleet.views.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.views.TestFleets;
import org.junit.jupiter.api.Test;

/// The heatmap toolbar's view model, without a window.
class HeatmapOptionsTest {

    private final HeatmapOptions options = new HeatmapOptions();

    @Test
    void startsByClusterByNameWithEverything() {
        assertThat(options.getArrangement()).isEqualTo(HeatmapArrangement.DEFAULT);
        assertThat(options.filterErrorProperty().get()).isEmpty();
    }

    @Test
    void groupSortAndSearchMakeTheArrangement() throws Exception {
        options.groupBy("  karpenter.sh/nodepool ");
        options.sortBy(HeatmapSort.HEALTH);
        options.search("prod-gpu-00* health>=warning");

        HeatmapArrangement arrangement = options.getArrangement();
        assertThat(arrangement.groupLabel()).isEqualTo("karpenter.sh/nodepool");
        assertThat(arrangement.sort()).isEqualTo(HeatmapSort.HEALTH);
        assertThat(arrangement.filter().text()).isEqualTo("prod-gpu-00* health>=warning");
        HeatmapFrame frame = HeatmapFrame.extract(TestFleets.demo(1, 0), HeatmapMetric.UTILIZATION, null, arrangement);
        assertThat(frame.gpuCount()).isEqualTo(2);

        options.groupBy(" ");
        assertThat(options.getArrangement().groupLabel()).as("blank groups by cluster").isNull();
    }

    @Test
    void aMistakeIsReportedWithItsColumnAndTheLastGoodFilterStays() {
        options.search("gpu-00*");
        options.search("gpu-00* -l zone in (a");

        assertThat(options.filterErrorProperty().get()).startsWith("column 20: ").contains("never closed");
        assertThat(options.filterErrorColumnProperty().get()).isEqualTo(20);
        assertThat(options.getArrangement().filter().text()).isEqualTo("gpu-00*");

        options.clearSearch();
        assertThat(options.filterErrorProperty().get()).isEmpty();
        assertThat(options.filterErrorColumnProperty().get()).isZero();
        assertThat(options.getArrangement().filter().isEmpty()).isTrue();
    }
}
