package dev.gpufleet.core.capacity;

import java.util.Arrays;

/// GPU-hours, dollars and kilowatt-hours per [WasteCategory] of one report row. Immutable.
public final class WasteAmounts {

    private final double[] hours;
    private final double[] dollars;
    private final double[] kwh;

    private WasteAmounts(double[] hours, double[] dollars, double[] kwh) {
        this.hours = hours;
        this.dollars = dollars;
        this.kwh = kwh;
    }

    static WasteAmounts of(double[] seconds, double[] dollars, double[] joules) {
        double[] hours = new double[seconds.length];
        double[] kwh = new double[joules.length];
        for (int i = 0; i < seconds.length; i++) {
            hours[i] = seconds[i] / 3600;
            kwh[i] = joules[i] / 3.6e6;
        }
        return new WasteAmounts(hours, dollars.clone(), kwh);
    }

    public double hours(WasteCategory category) {
        return hours[category.ordinal()];
    }

    public double dollars(WasteCategory category) {
        return dollars[category.ordinal()];
    }

    public double kwh(WasteCategory category) {
        return kwh[category.ordinal()];
    }

    /// All GPU-hours: the sum of every category.
    public double totalHours() {
        return Arrays.stream(hours).sum();
    }

    /// GPU-hours held by pods: used + underused + idle-allocated.
    public double allocatedHours() {
        return hours(WasteCategory.USED) + hours(WasteCategory.UNDERUSED) + hours(WasteCategory.IDLE_ALLOCATED);
    }

    /// GPU-hours no pod held: stranded + free.
    public double unallocatedHours() {
        return hours(WasteCategory.STRANDED) + hours(WasteCategory.FREE);
    }

    /// What idle GPUs cost: idle-allocated, stranded and free time.
    public double idleDollars() {
        return dollars(WasteCategory.IDLE_ALLOCATED) + dollars(WasteCategory.STRANDED) + dollars(WasteCategory.FREE);
    }

    /// The energy idle GPUs drew: idle-allocated, stranded and free time.
    public double idleKwh() {
        return kwh(WasteCategory.IDLE_ALLOCATED) + kwh(WasteCategory.STRANDED) + kwh(WasteCategory.FREE);
    }

    /// Used hours over allocated hours, `NaN` when nothing was allocated.
    public double usedOfAllocated() {
        double allocated = allocatedHours();
        return allocated > 0 ? hours(WasteCategory.USED) / allocated : Double.NaN;
    }
}
