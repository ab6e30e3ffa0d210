package dev.gpufleet.core.capacity;

/// Running sums per [WasteCategory]: GPU-seconds, dollars and joules. Mutable; owned by the
/// [WasteLedger] and copied out as [WasteAmounts].
final class WasteTotals {

    final double[] seconds = new double[WasteCategory.count()];
    final double[] dollars = new double[WasteCategory.count()];
    final double[] joules = new double[WasteCategory.count()];

    /// Adds `seconds` of a GPU whose time divides as `fractions`, at `pricePerHour`, drawing
    /// `totalJoules` over that time (divided like the time).
    void add(double[] fractions, double duration, double pricePerHour, double totalJoules) {
        for (int i = 0; i < fractions.length; i++) {
            double part = fractions[i];
            if (part != 0) {
                seconds[i] += part * duration;
                dollars[i] += part * duration / 3600 * pricePerHour;
                joules[i] += part * totalJoules;
            }
        }
    }

    /// Adds `factor` times everything in `other`.
    void addScaled(WasteTotals other, double factor) {
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] += other.seconds[i] * factor;
            dollars[i] += other.dollars[i] * factor;
            joules[i] += other.joules[i] * factor;
        }
    }

    WasteAmounts amounts() {
        return WasteAmounts.of(seconds, dollars, joules);
    }
}
