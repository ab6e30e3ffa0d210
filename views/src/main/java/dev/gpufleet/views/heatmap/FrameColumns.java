package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.store.GpuColumns;
import java.util.Arrays;

/// Per-GPU primitive columns of a frame: the metric's value and colour, the sample time,
/// health and idleness.
///
/// [TopologyBuilder] fills them in snapshot order, a fixed slot range per node, while it filters;
/// the next frame copies unchanged nodes' ranges with [#copyRange]. A [HeatmapFrame] reads them
/// in place through its ordinal-to-slot map.
///
/// Changed nodes are read from the [GpuColumns] core builds beside each node's GPU records
/// (a few small arrays per node, allocated together), never from the records themselves: the
/// records are three dependent cache misses per GPU (record → `MetricValues` → `double[]`),
/// which at 100,000 GPUs was most of a full rebuild.
final class FrameColumns {

    double[] values;
    int[] colors;
    long[] sampledAt;
    byte[] health;
    boolean[] idle;

    FrameColumns(int capacity) {
        values = new double[capacity];
        colors = new int[capacity];
        sampledAt = new long[capacity];
        health = new byte[capacity];
        idle = new boolean[capacity];
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
    }

    /// Reads GPU `gpus[k]` of `nodes[k]` into slot `slots[k]` for every `k < count`, and the value
    /// nodes are sorted by into `sortValues[k]`.
    void read(GpuColumns[] nodes, int[] gpus, int[] slots, int count, HeatmapMetric metric, HeatmapSort sort,
              double[] sortValues) {
        GpuColumns.Value column = metric.column();
        GpuColumns.Value sortColumn = sort == HeatmapSort.MEMORY ? GpuColumns.Value.MEMORY_USED_PERCENT
                : GpuColumns.Value.UTILIZATION;
        boolean sorted = sort == HeatmapSort.UTILIZATION || sort == HeatmapSort.MEMORY;
        ColorScale scale = metric.scale();
        for (int k = 0; k < count; k++) {
            GpuColumns node = nodes[k];
            int gpu = gpus[k];
            int slot = slots[k];
            double value = node.value(column, gpu);
            values[slot] = value;
            colors[slot] = scale.argb(value);
            sampledAt[slot] = node.sampledAtMillis(gpu);
            health[slot] = (byte) node.healthOrdinal(gpu);
            idle[slot] = node.value(GpuColumns.Value.UTILIZATION, gpu) <= HeatmapFrame.IDLE_PERCENT;
            sortValues[k] = sorted ? node.value(sortColumn, gpu) : 0;
        }
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
