package dev.gpufleet.core.telemetry;

/// A source of GPU telemetry for one cluster: dcgm-exporter through the API server, a
/// Prometheus-compatible store, or a local NVML binding.
///
/// `collect` blocks for one round and returns what it read; it reports a failed node in the
/// frame rather than throwing, and throws only when the whole source is unusable.
public interface TelemetrySource extends AutoCloseable {

    /// A short name for people, e.g. `dcgm-exporter via API server`.
    String describe();

    TelemetryFrame collect() throws Exception;

    @Override
    default void close() {
    }
}
