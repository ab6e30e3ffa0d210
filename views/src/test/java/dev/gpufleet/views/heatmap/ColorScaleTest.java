package dev.gpufleet.views.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ColorScaleTest {

    /// CIELAB lightness L* (0..100): what "lighter" means to the eye.
    private static double lightness(int argb) {
        double y = 0.2126 * linear(argb >> 16) + 0.7152 * linear(argb >> 8) + 0.0722 * linear(argb);
        return y > 216.0 / 24389 ? 116 * Math.cbrt(y) - 16 : y * 24389 / 27;
    }

    private static double linear(int channel) {
        double c = (channel & 0xFF) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    @ParameterizedTest
    @EnumSource(value = HeatmapMetric.class, names = {"UTILIZATION", "MEMORY", "POWER"})
    void sequentialScalesGetLighterAsValuesGrow(HeatmapMetric metric) {
        ColorScale scale = metric.scale();
        double previous = -1;
        for (int step = 0; step <= 400; step++) {
            double value = scale.min() + (scale.max() - scale.min()) * step / 400;
            double lightness = lightness(scale.argb(value));
            // 8-bit rounding between stops may wobble by a fraction of a just-noticeable difference
            assertThat(lightness).as("%s at %.1f", metric, value).isGreaterThan(previous - 0.5);
            previous = Math.max(previous, lightness);
        }
        for (int tenth = 1; tenth <= 10; tenth++) {
            assertThat(lightness(scale.argbAtFraction(tenth / 10.0)))
                    .isGreaterThan(lightness(scale.argbAtFraction((tenth - 1) / 10.0)) + 2);
        }
    }

    @ParameterizedTest
    @EnumSource(HeatmapMetric.class)
    void missingValuesGetTheNoTelemetryColour(HeatmapMetric metric) {
        assertThat(metric.scale().argb(Double.NaN)).isEqualTo(ColorScale.NO_TELEMETRY_ARGB);
    }

    @Test
    void valuesOutsideTheRangeAreClamped() {
        ColorScale scale = ColorScale.viridis(0, 100);

        assertThat(scale.argb(-20)).isEqualTo(scale.argb(0));
        assertThat(scale.argb(250)).isEqualTo(scale.argb(100));
        assertThat(scale.argb(0)).isEqualTo(0xFF440154);
        assertThat(scale.argb(100)).isEqualTo(0xFFFDE725);
    }

    @Test
    void temperatureStepsAtItsThresholds() {
        ColorScale scale = HeatmapMetric.TEMPERATURE.scale();

        assertThat(scale.thresholds()).containsExactly(85, 95);
        int cool = scale.argb(84.9);
        int warm = scale.argb(85);
        int hot = scale.argb(95);
        assertThat(red(warm) - blue(warm)).isGreaterThan(red(cool) - blue(cool) + 40);
        assertThat(hot).isNotEqualTo(scale.argb(94.99));
        assertThat(red(hot)).isGreaterThan(green(hot) * 3);
        assertThat(blue(scale.argb(25))).isGreaterThan(red(scale.argb(25)));
    }

    @Test
    void everyColourIsOpaque() {
        for (HeatmapMetric metric : HeatmapMetric.values()) {
            for (int step = 0; step <= 100; step++) {
                assertThat(metric.scale().argbAtFraction(step / 100.0) >>> 24).isEqualTo(0xFF);
            }
        }
    }

    private static int red(int argb) {
        return argb >> 16 & 0xFF;
    }

    private static int green(int argb) {
        return argb >> 8 & 0xFF;
    }

    private static int blue(int argb) {
        return argb & 0xFF;
    }
}
