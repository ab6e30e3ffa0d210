package dev.gpufleet.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MetricTest {

    @Test
    void everyFieldIsFoundByItsSeriesName() {
        for (Metric metric : Metric.values()) {
            assertThat(Metric.byField(metric.field())).contains(metric);
            assertThat(Metric.at(metric.ordinal())).isSameAs(metric);
        }
        assertThat(Metric.byField("DCGM_FI_DEV_CLOCKS_EVENT_REASONS")).contains(Metric.CLOCK_THROTTLE_REASONS);
        assertThat(Metric.byField("go_goroutines")).isEmpty();
    }

    @Test
    void fieldNamesAreUnique() {
        assertThat(Arrays.stream(Metric.values()).map(Metric::field).distinct().count())
                .isEqualTo(Metric.count());
    }

    @Test
    void valuesDistinguishNotReportedFromZero() {
        double[] row = MetricValues.blankArray();
        row[Metric.GPU_UTIL.ordinal()] = 0;
        MetricValues values = MetricValues.wrap(row);

        assertThat(values.isReported(Metric.GPU_UTIL)).isTrue();
        assertThat(values.isReported(Metric.POWER_USAGE)).isFalse();
        assertThat(values.get(Metric.POWER_USAGE)).isNaN();
        assertThat(values.isEmpty()).isFalse();
        assertThat(MetricValues.empty().isEmpty()).isTrue();
        assertThat(values.toString()).isEqualTo("{DCGM_FI_DEV_GPU_UTIL=0.0}");
    }

    @Test
    void memoryPercentNeedsBothUsedAndFree() {
        double[] row = MetricValues.blankArray();
        row[Metric.FB_USED.ordinal()] = 20_000;
        assertThat(MetricValues.wrap(row.clone()).memoryUsedPercent()).isNaN();
        row[Metric.FB_FREE.ordinal()] = 60_000;
        assertThat(MetricValues.wrap(row).memoryUsedPercent()).isEqualTo(25.0);
    }

    @Test
    void wrongArrayLengthIsRejected() {
        assertThatThrownBy(() -> MetricValues.wrap(new double[3])).hasMessageContaining("expected");
    }
}
