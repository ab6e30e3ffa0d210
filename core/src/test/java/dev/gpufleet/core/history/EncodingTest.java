package dev.gpufleet.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricKind;
import dev.gpufleet.core.metrics.MetricValues;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class EncodingTest {

    @Test
    void levelsWithARangeAreQuantizedCountersAreNot() {
        assertThat(Encoding.of(Metric.GPU_UTIL).width()).isEqualTo(Encoding.Width.BYTE);
        assertThat(Encoding.of(Metric.SM_ACTIVE).width()).isEqualTo(Encoding.Width.BYTE);
        assertThat(Encoding.of(Metric.GPU_TEMP).width()).isEqualTo(Encoding.Width.BYTE);
        assertThat(Encoding.of(Metric.POWER_USAGE).width()).isEqualTo(Encoding.Width.CHAR);
        assertThat(Encoding.of(Metric.FB_USED).width()).isEqualTo(Encoding.Width.CHAR);
        assertThat(Encoding.of(Metric.XID_ERRORS).width()).isEqualTo(Encoding.Width.FLOAT);
        for (Metric metric : Metric.values()) {
            if (metric.kind() == MetricKind.COUNTER) {
                assertThat(Encoding.of(metric).width()).as(metric.name()).isEqualTo(Encoding.Width.DOUBLE);
            }
        }
    }

    @Test
    void rangesCoverRealHardware() {
        assertThat(Encoding.of(Metric.GPU_UTIL).max()).isGreaterThanOrEqualTo(100);
        assertThat(Encoding.of(Metric.SM_ACTIVE).max()).isGreaterThanOrEqualTo(1);
        assertThat(Encoding.of(Metric.GPU_TEMP).max()).isGreaterThanOrEqualTo(120);
        assertThat(Encoding.of(Metric.POWER_USAGE).max()).as("a GB200 superchip").isGreaterThanOrEqualTo(2_700);
        assertThat(Encoding.of(Metric.FB_USED).max()).as("192 GB of HBM").isGreaterThanOrEqualTo(196_608);
    }

    @Property
    void quantizedValuesReadBackWithinHalfAStep(@ForAll("anyMetric") Metric metric,
            @ForAll @DoubleRange(min = 0, max = 1) double fraction) {
        Encoding encoding = Encoding.of(metric);
        double limit = Double.isInfinite(encoding.max()) ? 1e12 : encoding.max();
        double value = fraction * limit;
        double back = encoding.roundTrip(value);
        assertThat(Math.abs(back - value)).isLessThanOrEqualTo(encoding.maxError(value) * (1 + 1e-9));
    }

    @Property
    void zeroAndNaNSurviveEveryEncoding(@ForAll("anyMetric") Metric metric) {
        Encoding encoding = Encoding.of(metric);
        assertThat(encoding.roundTrip(0)).isZero();
        assertThat(encoding.roundTrip(Double.NaN)).isNaN();
        Column column = Column.allocate(encoding, 3);
        column.set(1, 0);
        assertThat(column.get(0)).isNaN();
        assertThat(column.get(1)).isZero();
    }

    @Property
    void valuesPastTheRangeSaturate(@ForAll @DoubleRange(min = 128, max = 1e9) double percent) {
        Encoding encoding = Encoding.of(Metric.GPU_UTIL);
        assertThat(encoding.roundTrip(percent)).isEqualTo(encoding.max());
        assertThat(encoding.roundTrip(-percent)).isZero();
    }

    @Property
    void historyReadsBackWhatItStoredWithinTheBound(@ForAll @DoubleRange(min = 0, max = 100) double util,
            @ForAll @DoubleRange(min = 0, max = 1_500) double watts) {
        FleetHistory history = new FleetHistory(new HistoryConfig(Duration.ofSeconds(10), Duration.ofMinutes(1),
                List.of(Metric.GPU_UTIL, Metric.POWER_USAGE)));
        double[] row = MetricValues.blankArray();
        row[Metric.GPU_UTIL.ordinal()] = util;
        row[Metric.POWER_USAGE.ordinal()] = watts;
        GpuKey key = new GpuKey("c", "n", "g");
        history.record(key, Instant.EPOCH, MetricValues.wrap(row));

        assertThat(history.latest(history.slotOf(key), Metric.GPU_UTIL)).isCloseTo(util, org.assertj.core.data.Offset.offset(0.25 + 1e-9));
        assertThat(history.latest(history.slotOf(key), Metric.POWER_USAGE)).isCloseTo(watts, org.assertj.core.data.Offset.offset(0.05 + 1e-9));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Metric> anyMetric() {
        return net.jqwik.api.Arbitraries.of(Metric.class);
    }
}
