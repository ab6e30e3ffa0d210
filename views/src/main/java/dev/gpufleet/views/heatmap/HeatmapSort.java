package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;

/// How nodes are ordered inside a group. Busy, full or unhealthy nodes come first; ties (and
/// [#NAME]) keep the snapshot's order, which is by node name.
public enum HeatmapSort {
    NAME("Name"),
    /// Mean utilization of the node's GPUs, highest first; nodes without readings last.
    UTILIZATION("Utilization"),
    /// Mean memory used of the node's GPUs, highest first.
    MEMORY("Memory used"),
    /// Worst GPU health first: failing, warning, no telemetry, healthy.
    HEALTH("Health");

    /// Keys are 16-bit: 0 sorts first.
    static final int LAST = 0xFFFF;

    private final String displayName;

    HeatmapSort(String displayName) {
        this.displayName = displayName;
    }

    /// This order's key for `node` over its shown GPUs `positions[from..from + count)`;
    /// smaller sorts first.
    int key(NodeSnapshot node, int[] positions, int from, int count) {
        return switch (this) {
            case NAME -> 0;
            case UTILIZATION, MEMORY -> meanKey(node, positions, from, count);
            case HEALTH -> healthKey(node, positions, from, count);
        };
    }

    private int meanKey(NodeSnapshot node, int[] positions, int from, int count) {
        double sum = 0;
        int reported = 0;
        for (int i = from; i < from + count; i++) {
            GpuSnapshot gpu = node.gpus().get(positions[i]);
            double value = this == UTILIZATION ? gpu.utilizationPercent() : gpu.values().memoryUsedPercent();
            if (!Double.isNaN(value)) {
                sum += value;
                reported++;
            }
        }
        if (reported == 0) {
            return LAST;
        }
        double mean = Math.clamp(sum / reported, 0.0, 100.0);
        return (int) Math.round((100.0 - mean) / 100.0 * (LAST - 1));
    }

    private static int healthKey(NodeSnapshot node, int[] positions, int from, int count) {
        Health worst = Health.HEALTHY;
        for (int i = from; i < from + count; i++) {
            worst = worst.worst(node.gpus().get(positions[i]).health());
        }
        return Health.FAILING.ordinal() - worst.ordinal();
    }

    @Override
    public String toString() {
        return displayName;
    }
}
