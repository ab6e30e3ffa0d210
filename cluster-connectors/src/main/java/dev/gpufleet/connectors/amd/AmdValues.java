package dev.gpufleet.connectors.amd;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import java.util.Arrays;

/// A row of values being filled from AMD series, remembering which series set each column so
/// a preferred series wins whatever the text order (see [AmdSeries]).
final class AmdValues {

    private final double[] values = MetricValues.blankArray();
    private final int[] priorities = new int[Metric.count()];

    AmdValues() {
        Arrays.fill(priorities, Integer.MAX_VALUE);
    }

    void put(AmdSeries series, double wireValue) {
        double value = series.fromWire(wireValue);
        if (Double.isNaN(value)) {
            return;
        }
        int column = series.metric().ordinal();
        if (series.priority() < priorities[column]) {
            values[column] = value;
            priorities[column] = series.priority();
        } else if (series.priority() == priorities[column] && series.keepMax()) {
            values[column] = Math.max(values[column], value);
        }
    }

    /// Sets `metric` unless a series already did.
    void fill(Metric metric, double value) {
        if (Double.isNaN(values[metric.ordinal()])) {
            values[metric.ordinal()] = value;
        }
    }

    double get(Metric metric) {
        return values[metric.ordinal()];
    }

    /// The finished row; free memory is worked out from total − used when the exporter left
    /// it out, because the heatmap's memory share needs used and free.
    MetricValues build() {
        double[] row = values.clone();
        int free = Metric.FB_FREE.ordinal();
        double total = row[Metric.FB_TOTAL.ordinal()];
        double used = row[Metric.FB_USED.ordinal()];
        if (Double.isNaN(row[free]) && !Double.isNaN(total) && !Double.isNaN(used)) {
            row[free] = Math.max(0, total - used);
        }
        return MetricValues.wrap(row);
    }
}
