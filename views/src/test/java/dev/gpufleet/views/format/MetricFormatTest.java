package dev.gpufleet.views.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.metrics.Metric;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricFormatTest {

    @Test
    void missingValuesReadNotReported() {
        for (Metric metric : Metric.values()) {
            assertThat(MetricFormat.format(metric, Double.NaN)).isEqualTo("not reported");
        }
    }

    @Test
    void valuesCarryTheirUnits() {
        assertThat(MetricFormat.format(Metric.GPU_UTIL, 73.4)).isEqualTo("73 %");
        assertThat(MetricFormat.format(Metric.GPU_UTIL, 7.45)).isEqualTo("7.5 %");
        assertThat(MetricFormat.format(Metric.GPU_UTIL, 0)).isEqualTo("0 %");
        assertThat(MetricFormat.format(Metric.SM_ACTIVE, 0.42)).isEqualTo("42 %");
        assertThat(MetricFormat.format(Metric.FB_USED, 81_559)).isEqualTo("79.6 GiB");
        assertThat(MetricFormat.format(Metric.FB_USED, 512)).isEqualTo("512 MiB");
        assertThat(MetricFormat.format(Metric.POWER_USAGE, 312.4)).isEqualTo("312 W");
        assertThat(MetricFormat.format(Metric.GPU_TEMP, 64.2)).isEqualTo("64 °C");
        assertThat(MetricFormat.format(Metric.PCIE_TX_BYTES, 1_800_000_000)).isEqualTo("1.8 GB/s");
        assertThat(MetricFormat.format(Metric.TOTAL_ENERGY, 7.2e9)).isEqualTo("2.0 kWh");
        assertThat(MetricFormat.format(Metric.XID_ERRORS, 79)).isEqualTo("79");
    }

    @Test
    void agesAreShort() {
        Instant now = Instant.parse("2025-06-01T12:00:00Z");

        assertThat(Ages.ago(now, now)).isEqualTo("just now");
        assertThat(Ages.ago(now.minusSeconds(4), now)).isEqualTo("4 s ago");
        assertThat(Ages.ago(now.minusSeconds(300), now)).isEqualTo("5 min ago");
        assertThat(Ages.ago(now.minusSeconds(3 * 3600), now)).isEqualTo("3 h ago");
        assertThat(Ages.ago(now.plusSeconds(5), now)).isEqualTo("just now");
    }
}
