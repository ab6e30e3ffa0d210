package dev.gpufleet.core.capacity;

import java.time.Duration;
import java.util.Objects;

/// How GPU time is judged.
///
/// @param idleBelowPercent allocated GPUs (or MIG instances) whose activity is below this many
///                         percent count as idle-allocated for the whole interval (default 5)
/// @param staleAfter       a reading older than this at a snapshot's time is no reading: the
///                         GPU's time is unknown (default 60 s, six default scrape intervals)
/// @param maxGap           the longest interval between two snapshots credited to the earlier
///                         one's state; the rest of a longer gap is unknown (default 5 min)
public record WasteSettings(double idleBelowPercent, Duration staleAfter, Duration maxGap) {

    public WasteSettings {
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(maxGap, "maxGap");
        if (!(idleBelowPercent >= 0 && idleBelowPercent <= 100)) {
            throw new IllegalArgumentException("the idle threshold must be 0 to 100 percent, not " + idleBelowPercent);
        }
        if (staleAfter.isNegative() || staleAfter.isZero() || maxGap.isNegative() || maxGap.isZero()) {
            throw new IllegalArgumentException("staleAfter and maxGap must be positive");
        }
    }

    public static WasteSettings defaults() {
        return new WasteSettings(5, Duration.ofSeconds(60), Duration.ofMinutes(5));
    }

    public WasteSettings withIdleBelowPercent(double percent) {
        return new WasteSettings(percent, staleAfter, maxGap);
    }
}
