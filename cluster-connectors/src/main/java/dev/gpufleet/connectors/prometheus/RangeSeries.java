package dev.gpufleet.connectors.prometheus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/// One series of a range query: its labels (with `__name__`) and its points as two parallel
/// primitive arrays, timestamps in epoch milliseconds, ready for the metric store's ring
/// buffers. Values may be `NaN` or infinite, as Prometheus allows.
public record RangeSeries(Map<String, String> labels, long[] timestamps, double[] values) {

    public RangeSeries {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        if (timestamps.length != values.length) {
            throw new IllegalArgumentException("a series needs one value per timestamp");
        }
    }

    public int size() {
        return timestamps.length;
    }
}
