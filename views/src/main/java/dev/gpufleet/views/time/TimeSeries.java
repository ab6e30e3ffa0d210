package dev.gpufleet.views.time;

import dev.gpufleet.core.health.HealthRules;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.views.heatmap.ColorScale;
import java.util.Locale;

/// What a GPU × time heatmap can show: the metrics the history keeps by default, each with the
/// fleet heatmap's kind of scale (sequential and colour-blind-safe for ratios, thresholds for
/// temperature) and how to print a value.
public enum TimeSeries {
    UTILIZATION("Utilization", Metric.GPU_UTIL, ColorScale.viridis(0, 100), 1, "%"),
    SM_ACTIVE("SM active", Metric.SM_ACTIVE, ColorScale.viridis(0, 100), 100, "%"),
    TENSOR_ACTIVE("Tensor active", Metric.PIPE_TENSOR_ACTIVE, ColorScale.viridis(0, 100), 100, "%"),
    DRAM_ACTIVE("DRAM active", Metric.DRAM_ACTIVE, ColorScale.viridis(0, 100), 100, "%"),
    MEMORY_USED("Memory used", Metric.FB_USED, ColorScale.viridis(0, 80), 1.0 / 1024, "GiB"),
    POWER("Power", Metric.POWER_USAGE, ColorScale.cividis(0, 700), 1, "W"),
    TEMPERATURE("Temperature", Metric.GPU_TEMP,
            ColorScale.temperature(20, HealthRules.WARNING_TEMP_CELSIUS, HealthRules.FAILING_TEMP_CELSIUS, 105), 1, "°C");

    private final String displayName;
    private final Metric metric;
    private final ColorScale scale;
    private final double factor;
    private final String unit;

    TimeSeries(String displayName, Metric metric, ColorScale scale, double factor, String unit) {
        this.displayName = displayName;
        this.metric = metric;
        this.scale = scale;
        this.factor = factor;
        this.unit = unit;
    }

    public Metric metric() {
        return metric;
    }

    /// The scale over display values (after [#display]).
    public ColorScale scale() {
        return scale;
    }

    /// A stored value in the unit people read (ratios as percent, MiB as GiB).
    public float display(float stored) {
        return (float) (stored * factor);
    }

    /// `87 %`, `41.5 GiB`, `not reported`.
    public String format(float stored) {
        if (Float.isNaN(stored)) {
            return "not reported";
        }
        double shown = stored * factor;
        return (Math.abs(shown) >= 100 || unit.equals("%") ? String.format(Locale.ROOT, "%.0f", shown)
                : String.format(Locale.ROOT, "%.1f", shown)) + " " + unit;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
