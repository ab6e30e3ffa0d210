package dev.gpufleet.core.history;

import java.time.Duration;
import java.time.Instant;

/// What the history holds now, for a view to show: full resolution from `fineFrom` to
/// `newest`, and (with a coarse tier) bucket means of `retention.coarseResolution()` from
/// `coarseFrom`; `coarseFrom` equals `fineFrom` without one. Anything before `coarseFrom` is
/// not retained.
public record RetainedWindow(Retention retention, Instant coarseFrom, Instant fineFrom, Instant newest) {

    /// Where `history` stands now.
    ///
    /// @throws IllegalStateException before the first frame
    public static RetainedWindow of(HistoryReader history) {
        long newest = history.newestTick();
        if (newest == FleetHistory.NO_TICK) {
            throw new IllegalStateException("no history recorded yet");
        }
        return new RetainedWindow(history.retention(), history.timeOf(history.oldestRetainedTick()),
                history.timeOf(history.oldestTick()), history.timeOf(newest));
    }

    public Duration resolution() {
        return retention.resolution();
    }

    /// Whether `time` is held at full resolution.
    public boolean fine(Instant time) {
        return !time.isBefore(fineFrom) && time.isBefore(newest.plus(resolution()));
    }

    /// Whether some tier holds `time`.
    public boolean retains(Instant time) {
        return !time.isBefore(coarseFrom) && time.isBefore(newest.plus(resolution()));
    }

    /// `54 min at 10 s + 6 h at 5 min`.
    public String describe() {
        return retention.describe();
    }
}
