package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.store.GpuSnapshot;
import java.time.Instant;
import java.util.Arrays;

/// Per-GPU primitive columns read in one pass over the snapshot's GPU records: the metric's
/// value and colour, the sample time, health, idleness, and the value nodes are sorted by.
///
/// [TopologyBuilder] fills them in snapshot order, a fixed slot range per node, while it filters
/// (so each GPU record is read once, which is what a 100,000-GPU frame costs); the next frame
/// copies unchanged nodes' ranges with [#copyRange]. A [HeatmapFrame] reads them in place
/// through its ordinal-to-slot map.
final class FrameColumns {

    double[] values;
    int[] colors;
    long[] sampledAt;
    byte[] health;
    boolean[] idle;
    double[] sortValues;

    FrameColumns(int capacity) {
        values = new double[capacity];
        colors = new int[capacity];
        sampledAt = new long[capacity];
        health = new byte[capacity];
        idle = new boolean[capacity];
        sortValues = new double[capacity];
    }

    int capacity() {
        return values.length;
    }

    void grow(int capacity) {
        values = Arrays.copyOf(values, capacity);
        colors = Arrays.copyOf(colors, capacity);
        sampledAt = Arrays.copyOf(sampledAt, capacity);
        health = Arrays.copyOf(health, capacity);
        idle = Arrays.copyOf(idle, capacity);
        sortValues = Arrays.copyOf(sortValues, capacity);
    }

    /// Reads `gpu` into slot `i`.
    void read(int i, GpuSnapshot gpu, HeatmapMetric metric, HeatmapSort sort) {
        double value = metric.valueOf(gpu);
        double utilization = metric == HeatmapMetric.UTILIZATION ? value : gpu.utilizationPercent();
        Instant at = gpu.sampledAt();
        values[i] = value;
        colors[i] = metric.scale().argb(value);
        sampledAt[i] = at == null ? HeatmapFrame.NEVER : at.toEpochMilli();
        health[i] = (byte) gpu.health().ordinal();
        idle[i] = utilization <= HeatmapFrame.IDLE_PERCENT;
        sortValues[i] = switch (sort) {
            case UTILIZATION -> utilization;
            case MEMORY -> metric == HeatmapMetric.MEMORY ? value : gpu.values().memoryUsedPercent();
            default -> 0;
        };
    }

    /// Copies slots `[from, from + length)` of `source` to `[to, to + length)` of these columns.
    void copyRange(FrameColumns source, int from, int to, int length) {
        System.arraycopy(source.values, from, values, to, length);
        System.arraycopy(source.colors, from, colors, to, length);
        System.arraycopy(source.sampledAt, from, sampledAt, to, length);
        System.arraycopy(source.health, from, health, to, length);
        System.arraycopy(source.idle, from, idle, to, length);
    }
}
