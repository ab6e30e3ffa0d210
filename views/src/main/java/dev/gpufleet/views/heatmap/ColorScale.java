package dev.gpufleet.views.heatmap;

import java.util.Arrays;

/// Maps a metric value to an opaque ARGB colour: piecewise-linear between stops, with hard
/// steps where two stops share a value (thresholds).
///
/// Pure and allocation-free per lookup, so the heatmap can colour 100,000 cells per frame.
/// `NaN` maps to [#NO_TELEMETRY_ARGB]; the renderer draws such cells with their own pattern.
public final class ColorScale {

    /// The neutral grey of a cell the source reported nothing for.
    public static final int NO_TELEMETRY_ARGB = 0xFF6E7681;

    private final double[] stopValues;
    private final int[] stopColors;
    private final double[] thresholds;
    /// Stops per unit of value when the stops are evenly spaced (no search needed), else 0.
    private final double uniformRate;

    private ColorScale(double[] stopValues, int[] stopColors) {
        if (stopValues.length < 2 || stopValues.length != stopColors.length) {
            throw new IllegalArgumentException("a colour scale needs at least two stops, one colour each");
        }
        for (int i = 1; i < stopValues.length; i++) {
            if (stopValues[i] < stopValues[i - 1]) {
                throw new IllegalArgumentException("colour stops must be in ascending order");
            }
        }
        this.stopValues = stopValues;
        this.stopColors = stopColors;
        this.thresholds = findThresholds(stopValues);
        this.uniformRate = uniformRate(stopValues);
    }

    private static double uniformRate(double[] values) {
        double step = (values[values.length - 1] - values[0]) / (values.length - 1);
        for (int i = 1; i < values.length; i++) {
            if (Math.abs(values[i] - (values[0] + step * i)) > 1e-9 * Math.max(1, Math.abs(values[i]))) {
                return 0;
            }
        }
        return step > 0 ? 1 / step : 0;
    }

    /// Colour-blind-safe, perceptually uniform sequential scale (viridis) from `min` to `max`.
    public static ColorScale viridis(double min, double max) {
        return evenlySpaced(min, max, 0xFF440154, 0xFF482475, 0xFF414487, 0xFF355F8D, 0xFF2A788E,
                0xFF21918C, 0xFF22A884, 0xFF44BF70, 0xFF7AD151, 0xFFBDDF26, 0xFFFDE725);
    }

    /// Colour-blind-safe sequential scale (cividis: navy to yellow), distinct from viridis so a
    /// glance tells which metric is shown.
    public static ColorScale cividis(double min, double max) {
        return evenlySpaced(min, max, 0xFF00204C, 0xFF00336F, 0xFF39486B, 0xFF575D6D, 0xFF707173,
                0xFF8A8779, 0xFFA69D75, 0xFFC4B56C, 0xFFE4CF5B, 0xFFFFEA46);
    }

    /// Temperature: cool blues up to `warn`, orange from `warn`, red from `hot`; the steps make
    /// the thresholds visible even to people who cannot tell orange from yellow.
    public static ColorScale temperature(double min, double warn, double hot, double max) {
        double mid = (min + warn) / 2;
        return new ColorScale(
                new double[] {min, mid, warn, warn, hot, hot, max},
                new int[] {0xFF3B6FB6, 0xFF8CC0DA, 0xFFF2E6A6, 0xFFFDAE61, 0xFFF46D43, 0xFFD73027, 0xFFA50026});
    }

    /// A scale through `colors` placed at equal steps from `min` to `max`.
    public static ColorScale evenlySpaced(double min, double max, int... colors) {
        if (!(max > min)) {
            throw new IllegalArgumentException("a colour scale needs max > min, got " + min + ".." + max);
        }
        double[] values = new double[colors.length];
        for (int i = 0; i < colors.length; i++) {
            values[i] = min + (max - min) * i / (colors.length - 1);
        }
        return new ColorScale(values, colors.clone());
    }

    public double min() {
        return stopValues[0];
    }

    public double max() {
        return stopValues[stopValues.length - 1];
    }

    /// Values where the colour steps rather than blends (empty for sequential scales).
    public double[] thresholds() {
        return thresholds.clone();
    }

    /// The opaque ARGB colour of `value`, clamped to the scale's range.
    public int argb(double value) {
        if (Double.isNaN(value)) {
            return NO_TELEMETRY_ARGB;
        }
        int last = stopValues.length - 1;
        if (value <= stopValues[0]) {
            return stopColors[0];
        }
        if (value >= stopValues[last]) {
            return stopColors[last];
        }
        int i = uniformRate > 0 ? uniformStop(value, last) : lastStopAtOrBelow(value);
        double span = stopValues[i + 1] - stopValues[i];
        double t = span <= 0 ? 0 : (value - stopValues[i]) / span;
        return lerp(stopColors[i], stopColors[i + 1], t);
    }

    /// The colour at fraction `t` (0..1) of the range, for drawing the legend's ramp.
    public int argbAtFraction(double t) {
        return argb(min() + (max() - min()) * Math.clamp(t, 0.0, 1.0));
    }

    /// The stop at or below `value` by division, corrected for rounding at a stop's edge.
    private int uniformStop(double value, int last) {
        int i = Math.min(last - 1, (int) ((value - stopValues[0]) * uniformRate));
        if (i > 0 && stopValues[i] > value) {
            return i - 1;
        }
        return i < last - 1 && stopValues[i + 1] <= value ? i + 1 : i;
    }

    private int lastStopAtOrBelow(double value) {
        int low = 0;
        int high = stopValues.length - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (stopValues[mid] <= value) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }

    private static int lerp(int from, int to, double t) {
        int r = channel(from >> 16, to >> 16, t);
        int g = channel(from >> 8, to >> 8, t);
        int b = channel(from, to, t);
        return 0xFF000000 | r << 16 | g << 8 | b;
    }

    private static int channel(int from, int to, double t) {
        int a = from & 0xFF;
        int b = to & 0xFF;
        // Non-negative, so truncating after +0.5 rounds half up like Math.round, without its checks.
        return (int) (a + (b - a) * t + 0.5);
    }

    private static double[] findThresholds(double[] values) {
        return Arrays.stream(values)
                .filter(v -> Arrays.stream(values).filter(w -> w == v).count() > 1)
                .distinct()
                .toArray();
    }
}
