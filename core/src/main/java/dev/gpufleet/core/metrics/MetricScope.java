package dev.gpufleet.core.metrics;

/// What a metric's value belongs to, which decides how a MIG card's per-instance series
/// combine into the physical GPU's value.
///
/// On a MIG-enabled card dcgm-exporter labels series with `GPU_I_ID`; some fields then
/// repeat the device's value on every instance, some split the device, and some describe
/// only the instance (and the whole-GPU series is usually absent).
public enum MetricScope {
    /// A property of the physical GPU (temperature, power, clocks, ECC, violations, NVLink
    /// counters). Repeated per MIG instance with the same value: take one copy, never sum.
    DEVICE,
    /// A disjoint share of the device (framebuffer used/free/reserved/total): the GPU's value
    /// is the sum over its instances.
    PARTITIONED,
    /// Activity of whatever the series is labelled with: the whole GPU without MIG, one
    /// instance with MIG (utilizations, profiling ratios and byte rates). Never lifted from an
    /// instance to the GPU.
    INSTANCE
}
