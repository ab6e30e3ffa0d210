package dev.gpufleet.connectors.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.metrics.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusBackfillTest {

    @Test
    void queriesAreSizedSoNoAnswerHoldsMoreThanItsPointBudget() {
        assertThat(PrometheusBackfill.stepsFor(4_096)).isEqualTo((int) (PrometheusBackfill.MAX_POINTS_PER_QUERY / 4_096));
        // A fleet so big that one step is the budget still moves forward a step at a time.
        assertThat(PrometheusBackfill.stepsFor(800_000)).isEqualTo(1);
        // A handful of series is held to Prometheus's own limit of points per series.
        assertThat(PrometheusBackfill.stepsFor(3)).isEqualTo(PrometheusBackfill.MAX_STEPS_PER_QUERY);
        assertThat(PrometheusBackfill.stepsFor(0)).isEqualTo(PrometheusBackfill.MAX_STEPS_PER_QUERY);
    }

    @Test
    void onlyTheSeriesOfTheKeptMetricsAreRead() {
        List<String> names = PrometheusBackfill.seriesFor(List.of(Metric.GPU_UTIL, Metric.FB_USED));

        assertThat(names).contains("DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_FB_USED", "gpu_gfx_activity")
                .doesNotContain("DCGM_FI_DEV_GPU_TEMP", "DCGM_FI_PROF_SM_ACTIVE");
    }
}
