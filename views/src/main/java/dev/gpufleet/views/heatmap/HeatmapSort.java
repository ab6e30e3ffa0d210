package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.model.Health;

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

    /// This order's key for a node whose shown GPUs sit in `columns` slots `[from, from + count)`,
    /// their values to sort by in `sortValues[sortFrom, sortFrom + count)`; smaller sorts first.
    int key(FrameColumns columns, int from, double[] sortValues, int sortFrom, int count) {
        return switch (this) {
            case NAME -> 0;
            case UTILIZATION, MEMORY -> meanKey(sortValues, sortFrom, count);
            case HEALTH -> healthKey(columns.health, from, count);
        };
    }

    private static int meanKey(double[] values, int from, int count) {
        double sum = 0;
        int reported = 0;
        for (int i = from; i < from + count; i++) {
            if (!Double.isNaN(values[i])) {
                sum += values[i];
                reported++;
            }
        }
        if (reported == 0) {
            return LAST;
        }
        double mean = Math.clamp(sum / reported, 0.0, 100.0);
        return (int) Math.round((100.0 - mean) / 100.0 * (LAST - 1));
    }

    private static int healthKey(byte[] health, int from, int count) {
        int worst = 0;
        for (int i = from; i < from + count; i++) {
            worst = Math.max(worst, health[i]);
        }
        return Health.FAILING.ordinal() - worst;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
