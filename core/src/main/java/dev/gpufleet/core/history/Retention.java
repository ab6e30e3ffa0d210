package dev.gpufleet.core.history;

import java.time.Duration;

/// The shape of the rings a [FleetHistory] keeps now: `fineTicks` samples at the history's
/// `resolution` (the recent window), and, when the budget cannot hold the whole retention at
/// that resolution, a coarse tier of `coarseTicks` buckets, each the mean of `coarseFactor`
/// ticks, reaching back the rest of the retention. `coarseFactor` is 0 without a coarse tier.
///
/// [HistoryBudget#plan] derives it from the fleet size; it changes as the fleet grows.
public record Retention(Duration resolution, int fineTicks, int coarseFactor, int coarseTicks) {

    public Retention {
        if (fineTicks < 1 || coarseFactor < 0 || coarseTicks < 0 || (coarseFactor == 0) != (coarseTicks == 0)) {
            throw new IllegalArgumentException("not a retention: " + fineTicks + " ticks, coarse " + coarseTicks
                    + " of " + coarseFactor);
        }
        if (coarseFactor > 0 && fineTicks < coarseFactor) {
            // A bucket is averaged when its first tick leaves the fine ring: all of it must be there.
            throw new IllegalArgumentException("a fine ring of " + fineTicks + " ticks cannot feed buckets of "
                    + coarseFactor);
        }
    }

    /// The whole retention of `config` at full resolution, no coarse tier.
    public static Retention full(HistoryConfig config) {
        return new Retention(config.resolution(), config.capacity(), 0, 0);
    }

    public boolean hasCoarseTier() {
        return coarseFactor > 0;
    }

    /// How far back full resolution reaches.
    public Duration fineWindow() {
        return resolution.multipliedBy(fineTicks);
    }

    /// The coarse tier's bucket length, or [Duration#ZERO] without one.
    public Duration coarseResolution() {
        return resolution.multipliedBy(coarseFactor);
    }

    /// How far back the coarse tier reaches at least, from the newest tick (its buckets
    /// overlap the fine window; one more bucket is kept for the one cut by the window's edge).
    public Duration coarseWindow() {
        return coarseResolution().multipliedBy(Math.max(0, coarseTicks - 1));
    }

    /// Bytes of arrays per GPU slot: cells of both tiers at `bytesPerTick` (every metric's
    /// width added up) and the `metrics + 1` int marks.
    public long bytesPerSlot(int bytesPerTick, int metrics) {
        return (long) bytesPerTick * (fineTicks + coarseTicks) + 4L * (metrics + 1);
    }

    /// `54 min at 10 s + 6 h at 5 min`, for logs and the console.
    public String describe() {
        String fine = human(fineWindow()) + " at " + human(resolution);
        return hasCoarseTier() ? fine + " + " + human(coarseWindow()) + " at " + human(coarseResolution()) : fine;
    }

    /// Whole seconds under 2 min, whole minutes under 2 h, else hours (to a tenth).
    private static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min";
        }
        return seconds % 3600 == 0 ? seconds / 3600 + " h"
                : String.format(java.util.Locale.ROOT, "%.1f h", seconds / 3600.0);
    }
}
