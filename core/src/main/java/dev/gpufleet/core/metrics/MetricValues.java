package dev.gpufleet.core.metrics;

import java.util.Arrays;

/// An immutable row of metric values indexed by [Metric#ordinal()]; `NaN` means the source did
/// not report the metric, which is never the same as zero.
public final class MetricValues {

    private static final MetricValues EMPTY = new MetricValues(blankArray());

    private final double[] values;

    private MetricValues(double[] values) {
        this.values = values;
    }

    /// A row where nothing is reported.
    public static MetricValues empty() {
        return EMPTY;
    }

    /// A fresh array of `NaN`s sized for every metric, for a builder to fill.
    public static double[] blankArray() {
        double[] blank = new double[Metric.count()];
        Arrays.fill(blank, Double.NaN);
        return blank;
    }

    /// Takes ownership of `values` (the caller must not change it afterwards).
    public static MetricValues wrap(double[] values) {
        if (values.length != Metric.count()) {
            throw new IllegalArgumentException(
                    "expected " + Metric.count() + " metric values, got " + values.length);
        }
        return new MetricValues(values);
    }

    public double get(Metric metric) {
        return values[metric.ordinal()];
    }

    public boolean isReported(Metric metric) {
        return !Double.isNaN(values[metric.ordinal()]);
    }

    public boolean isEmpty() {
        for (double value : values) {
            if (!Double.isNaN(value)) {
                return false;
            }
        }
        return true;
    }

    /// Memory used as a percentage of used + free framebuffer, or `NaN` if either is missing.
    public double memoryUsedPercent() {
        double used = get(Metric.FB_USED);
        double free = get(Metric.FB_FREE);
        double total = used + free;
        return total > 0 ? 100.0 * used / total : Double.NaN;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MetricValues that && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (Metric metric : Metric.values()) {
            if (isReported(metric)) {
                text.append(text.length() > 1 ? ", " : "").append(metric.field()).append('=').append(get(metric));
            }
        }
        return text.append('}').toString();
    }
}
