package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.store.GpuSnapshot;
import java.time.Instant;
import java.util.Arrays;

/// Per-GPU primitive columns read in one pass over the snapshot's GPU records: the metric's
/// value and colour, the sample time, health and idleness.
///
/// [TopologyBuilder] fills them in snapshot order, a fixed slot range per node, while it filters
/// (so each GPU record is read once, which is what a 100,000-GPU frame costs); the next frame
/// copies unchanged nodes' ranges with [#copyRange]. A [HeatmapFrame] reads them in place
/// through its ordinal-to-slot map.
///
/// Reading is memory-bound: each GPU is three dependent loads (record → `MetricValues` →
/// `double[]`) that miss the cache. [#read] therefore takes a whole chunk of GPUs and does
/// nothing in its first loop but those loads, so the processor keeps the misses of many GPUs in
/// flight at once; colours and idleness are computed afterwards from the primitives.
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

    /// Reads `gpus[k]` into slot `slots[k]` for every `k < count`, and the value nodes are sorted
    /// by into `sortValues[k]`. Three loops, each with one cache miss per GPU and no dependence
    /// between GPUs: the records, then their values, then the colours.
    void read(GpuSnapshot[] gpus, int[] slots, int count, HeatmapMetric metric, HeatmapSort sort,
              double[] sortValues) {
        MetricValues[] rows = new MetricValues[count];
        for (int k = 0; k < count; k++) {
            GpuSnapshot gpu = gpus[k];
            Instant at = gpu.sampledAt();
            rows[k] = gpu.values();
            sampledAt[slots[k]] = at == null ? HeatmapFrame.NEVER : at.toEpochMilli();
            health[slots[k]] = (byte) gpu.health().ordinal();
        }
        for (int k = 0; k < count; k++) {
            readValues(slots[k], rows[k], gpus[k], metric, sort, sortValues, k);
        }
        ColorScale scale = metric.scale();
        for (int k = 0; k < count; k++) {
            colors[slots[k]] = scale.argb(values[slots[k]]);
        }
    }

    private void readValues(int i, MetricValues row, GpuSnapshot gpu, HeatmapMetric metric, HeatmapSort sort,
                            double[] sortValues, int k) {
        double value = metric.valueOf(row);
        if (Double.isNaN(value)) {
            value = metric.valueOf(gpu);
        }
        double utilization = row.get(Metric.GPU_UTIL);
        if (Double.isNaN(utilization)) {
            utilization = gpu.utilizationPercent();
        }
        values[i] = value;
        idle[i] = utilization <= HeatmapFrame.IDLE_PERCENT;
        sortValues[k] = switch (sort) {
            case UTILIZATION -> utilization;
            case MEMORY -> metric == HeatmapMetric.MEMORY ? value : row.memoryUsedPercent();
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
