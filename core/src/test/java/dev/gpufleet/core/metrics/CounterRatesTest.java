package dev.gpufleet.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.metrics.CounterRates.Reset;
import java.time.Instant;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CounterRatesTest {

    @Test
    void rateIsTheIncreaseOverTheInterval() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(CounterRates.perSecond(1_000, start, 4_000, start.plusSeconds(10))).isEqualTo(300.0);
        assertThat(CounterRates.perSecond(5, 0L, 5, 2_000L)).isZero();
    }

    @Test
    void aDecreaseIsARestartFromZero() {
        assertThat(CounterRates.perSecondOver(9_000, 200, 10, Reset.FROM_ZERO)).isEqualTo(20.0);
        assertThat(CounterRates.perSecondOver(9_000, 200, 10, Reset.UNKNOWN)).isNaN();
        assertThat(CounterRates.increase(9_000, 200, Reset.FROM_ZERO)).isEqualTo(200.0);
    }

    @Test
    void missingReadingsOrTimeGiveNoRate() {
        assertThat(CounterRates.perSecondOver(Double.NaN, 5, 10, Reset.FROM_ZERO)).isNaN();
        assertThat(CounterRates.perSecondOver(5, Double.NaN, 10, Reset.FROM_ZERO)).isNaN();
        assertThat(CounterRates.perSecondOver(5, 6, 0, Reset.FROM_ZERO)).isNaN();
        assertThat(CounterRates.perSecondOver(5, 6, -1, Reset.FROM_ZERO)).isNaN();
        assertThat(CounterRates.perSecondOver(-1, 6, 1, Reset.FROM_ZERO)).isNaN();
        assertThat(CounterRates.perSecondOver(1, Double.POSITIVE_INFINITY, 1, Reset.FROM_ZERO)).isNaN();
    }

    @Property
    void ratesAreNeverNegative(@ForAll double previous, @ForAll double current,
            @ForAll @DoubleRange(min = -10, max = 1e6) double seconds, @ForAll Reset reset) {
        double rate = CounterRates.perSecondOver(previous, current, seconds, reset);
        assertThat(Double.isNaN(rate) || rate >= 0).isTrue();
    }

    /// A restart can only lose counts, so the rate across one is never more than the new
    /// reading alone explains, and never more than a steady counter reaching it would show.
    @Property
    void aResetNeverProducesASpike(@ForAll @DoubleRange(min = 0, max = 1e15) double previous,
            @ForAll @DoubleRange(min = 0, max = 1e15) double current,
            @ForAll @LongRange(min = 1, max = 86_400_000) long millis) {
        Assume.that(current < previous);
        double seconds = millis / 1000.0;
        double rate = CounterRates.perSecondOver(previous, current, seconds, Reset.FROM_ZERO);
        assertThat(rate).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(current / seconds);
    }

    @Property
    void nanInGivesNanOut(@ForAll double reading, @ForAll @DoubleRange(min = 0.01, max = 1e6) double seconds,
            @ForAll Reset reset) {
        assertThat(CounterRates.perSecondOver(Double.NaN, reading, seconds, reset)).isNaN();
        assertThat(CounterRates.perSecondOver(reading, Double.NaN, seconds, reset)).isNaN();
    }
}
