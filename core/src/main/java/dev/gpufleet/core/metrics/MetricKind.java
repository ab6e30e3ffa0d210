package dev.gpufleet.core.metrics;

/// Whether a metric is a level (gauge) or a monotonically increasing total (counter) whose
/// meaning is its rate.
public enum MetricKind {
    GAUGE,
    COUNTER
}
