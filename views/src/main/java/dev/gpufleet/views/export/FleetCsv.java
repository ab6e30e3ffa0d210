package dev.gpufleet.views.export;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.views.heatmap.HeatmapFilter;
import dev.gpufleet.views.heatmap.HeatmapFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/// The numbers behind the fleet heatmap: one row per GPU the search shows, in the frame's order.
public final class FleetCsv {

    public static final List<String> HEADER = List.of("cluster", "node", "gpu", "uuid", "model", "health",
            "utilization_percent", "memory_used_percent", "power_w", "temperature_c", "sampled_at");

    private FleetCsv() {
    }

    public static List<List<String>> rows(HeatmapFrame frame, HeatmapFilter filter) {
        List<List<String>> rows = new ArrayList<>();
        for (int ordinal = 0; ordinal < frame.gpuCount(); ordinal++) {
            if (!filter.matchesNode(frame.node(ordinal)) || !filter.matchesGpu(frame.gpu(ordinal))) {
                continue;
            }
            GpuSnapshot gpu = frame.gpu(ordinal);
            Instant sampled = gpu.sampledAt();
            rows.add(List.of(frame.cluster(ordinal), frame.node(ordinal).name(), Integer.toString(gpu.index()),
                    gpu.uuid() == null ? "" : gpu.uuid(), gpu.model() == null ? "" : gpu.model(),
                    gpu.health().name().toLowerCase(Locale.ROOT), number(gpu.utilizationPercent()),
                    number(gpu.values().memoryUsedPercent()), number(gpu.value(Metric.POWER_USAGE)),
                    number(gpu.value(Metric.GPU_TEMP)), sampled == null ? "" : sampled.toString()));
        }
        return rows;
    }

    /// Empty for "not reported", never 0.
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.3f", value);
    }
}
