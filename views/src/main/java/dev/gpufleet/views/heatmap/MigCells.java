package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.telemetry.MigSample;
import java.util.List;

/// MIG instances drawn inside their GPU's cell once it is large enough: the cell becomes a row
/// of slices (7 for an A100/H100, more if the profiles add up to more), each instance a stripe
/// as wide as its compute slices (`3g.40gb` takes 3), coloured by its own reading where the
/// metric has one per instance (utilization: graphics-engine activity; memory used). Slices no
/// instance holds stay dark: free capacity at a glance.
final class MigCells {

    /// Smallest cell side (device pixels) that shows instances.
    static final int MIN_CELL = 12;
    private static final int SLICES = 7;

    private MigCells() {
    }

    /// Whether `mig` is drawn as sub-cells in a cell of `size`.
    static boolean shows(List<MigSample> mig, int size) {
        return !mig.isEmpty() && size >= MIN_CELL;
    }

    /// Draws the instances into the cell at `(x, y)`; `gpuColor` stands in for metrics that
    /// instances do not report. Stale readings fade like whole cells do.
    static void draw(PixelTarget target, int x, int y, int size, List<MigSample> mig, HeatmapMetric metric,
                     int gpuColor, boolean stale, int background) {
        int total = 0;
        for (MigSample instance : mig) {
            total += slices(instance.profile());
        }
        int slots = Math.max(SLICES, total);
        target.fill(x, y, size, size, background);
        int inner = size - 2;
        int used = 0;
        for (MigSample instance : mig) {
            int from = x + 1 + inner * used / slots;
            used += slices(instance.profile());
            int to = x + 1 + inner * used / slots;
            double value = value(instance.values(), metric);
            int color = Double.isNaN(value) ? gpuColor : metric.scale().argb(value);
            target.fill(from, y + 1, Math.max(1, to - from - 1), inner, stale ? HeatmapRenderer.fade(color,
                    HeatmapRenderer.STALE_OPACITY) : color);
        }
    }

    /// Compute slices of a profile such as `3g.40gb` (1 when the profile says nothing).
    static int slices(String profile) {
        int g = profile.indexOf('g');
        if (g <= 0) {
            return 1;
        }
        try {
            return Math.clamp(Integer.parseInt(profile.substring(0, g)), 1, 8);
        } catch (NumberFormatException notANumber) {
            return 1;
        }
    }

    /// The instance's own reading of `metric`, `NaN` where instances have none.
    static double value(MetricValues values, HeatmapMetric metric) {
        return switch (metric) {
            case UTILIZATION -> values.get(Metric.GR_ENGINE_ACTIVE) * 100.0;
            case MEMORY -> values.memoryUsedPercent();
            default -> Double.NaN;
        };
    }
}
