package dev.gpufleet.core.history;

/// Where ticks and buckets sit in the rings of one [Retention], and how far the coarse tier
/// reaches: bucket `b` covers ticks `[b × factor, (b+1) × factor)` (aligned to the epoch, so
/// 5-minute buckets start on the clock's 5 minutes) and is averaged from the fine ring when
/// its first tick leaves it. Belongs to a [FleetHistory]; its writer alone changes it.
final class Tiers {

    final Retention retention;
    final int fineTicks;
    final int factor;
    final int coarseTicks;
    /// The newest bucket averaged into the coarse ring, or [FleetHistory#NO_TICK].
    private long coarseHead;

    Tiers(Retention retention, long coarseHead) {
        this.retention = retention;
        this.fineTicks = retention.fineTicks();
        this.factor = retention.coarseFactor();
        this.coarseTicks = retention.coarseTicks();
        this.coarseHead = retention.hasCoarseTier() ? coarseHead : FleetHistory.NO_TICK;
    }

    int finePosition(long tick) {
        return (int) Math.floorMod(tick, (long) fineTicks);
    }

    int coarsePosition(long bucket) {
        return (int) Math.floorMod(bucket, (long) coarseTicks);
    }

    long bucketOf(long tick) {
        return Math.floorDiv(tick, (long) factor);
    }

    long coarseHead() {
        return coarseHead;
    }

    /// Whether the coarse ring holds bucket `bucket` now.
    boolean coarseHolds(long bucket) {
        return coarseHead != FleetHistory.NO_TICK && bucket <= coarseHead && bucket > coarseHead - coarseTicks;
    }

    /// The first tick of the oldest bucket the coarse ring holds, or [FleetHistory#NO_TICK].
    long coarseOldestTick() {
        return coarseHead == FleetHistory.NO_TICK ? FleetHistory.NO_TICK : (coarseHead - coarseTicks + 1) * factor;
    }

    /// Averages, into the coarse ring, every bucket whose first tick is in `from..to`: ticks
    /// about to leave the fine ring, whose newest tick is `newest` (cells after it hold what
    /// is leaving, not this lap).
    void downsampleLeaving(HistoryChunk[] chunks, long from, long to, long newest, int slots) {
        if (factor == 0 || to < from) {
            return;
        }
        int[] positions = new int[factor];
        for (long start = Math.ceilDiv(from, (long) factor) * factor; start <= to; start += factor) {
            long bucket = start / factor;
            if (coarseHead != FleetHistory.NO_TICK && bucket <= coarseHead) {
                continue;
            }
            clearSkipped(chunks, bucket, slots);
            int count = (int) (Math.min(start + factor - 1, newest) - start + 1);
            for (int i = 0; i < count; i++) {
                positions[i] = finePosition(start + i);
            }
            for (HistoryChunk chunk : chunks) {
                if (chunk != null) {
                    chunk.downsample(positions, count, coarsePosition(bucket), slots);
                }
            }
            coarseHead = bucket;
        }
    }

    /// Clears the coarse positions of buckets between the last averaged one and `bucket`
    /// (a gap in telemetry), so they read `NaN`, not an old lap.
    private void clearSkipped(HistoryChunk[] chunks, long bucket, int slots) {
        if (coarseHead == FleetHistory.NO_TICK) {
            return; // a fresh coarse ring reads NaN everywhere
        }
        for (long skipped = Math.max(coarseHead + 1, bucket - coarseTicks); skipped < bucket; skipped++) {
            for (HistoryChunk chunk : chunks) {
                if (chunk != null) {
                    chunk.clearCoarsePosition(coarsePosition(skipped), slots);
                }
            }
        }
    }
}
