package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.health.HealthRules;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.store.GpuColumns;
import dev.gpufleet.core.store.GpuSnapshot;
import java.util.function.ToDoubleFunction;

/// What the heatmap colours its cells by, with the unit and colour scale of each.
public enum HeatmapMetric {
    UTILIZATION("Utilization", "%", ColorScale.viridis(0, 100), GpuSnapshot::utilizationPercent),
    MEMORY("Memory used", "%", ColorScale.viridis(0, 100), gpu -> gpu.values().memoryUsedPercent()),
    /// Fixed 0–700 W (an H100 SXM's limit) so colours compare across time and clusters.
    POWER("Power", "W", ColorScale.cividis(0, 700), gpu -> gpu.value(Metric.POWER_USAGE)),
    TEMPERATURE("Temperature", "°C",
            ColorScale.temperature(20, HealthRules.WARNING_TEMP_CELSIUS, HealthRules.FAILING_TEMP_CELSIUS, 105),
            gpu -> gpu.value(Metric.GPU_TEMP));

    private final String displayName;
    private final String unit;
    private final ColorScale scale;
    private final ToDoubleFunction<GpuSnapshot> extractor;

    HeatmapMetric(String displayName, String unit, ColorScale scale, ToDoubleFunction<GpuSnapshot> extractor) {
        this.displayName = displayName;
        this.unit = unit;
        this.scale = scale;
        this.extractor = extractor;
    }

    public String displayName() {
        return displayName;
    }

    /// The unit suffix shown next to values, e.g. `%`, `W`, `°C`.
    public String unit() {
        return unit;
    }

    public ColorScale scale() {
        return scale;
    }

    /// This metric's value for `gpu`, or `NaN` when the GPU did not report it.
    public double valueOf(GpuSnapshot gpu) {
        return extractor.applyAsDouble(gpu);
    }

    /// The column of a node's [GpuColumns] that holds this metric: equal to [#valueOf(GpuSnapshot)]
    /// for every GPU (core builds it once per scrape, so a frame need not read the GPU records).
    GpuColumns.Value column() {
        return switch (this) {
            case UTILIZATION -> GpuColumns.Value.UTILIZATION;
            case MEMORY -> GpuColumns.Value.MEMORY_USED_PERCENT;
            case POWER -> GpuColumns.Value.POWER;
            case TEMPERATURE -> GpuColumns.Value.TEMPERATURE;
        };
    }

    @Override
    public String toString() {
        return displayName;
    }
}
