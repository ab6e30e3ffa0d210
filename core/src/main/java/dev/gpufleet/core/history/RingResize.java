package dev.gpufleet.core.history;

import java.util.Arrays;

/// Re-lays a [FleetHistory]'s rings for a new [Retention], one chunk at a time (so at most
/// one chunk more than before is alive): the newest ticks that fit the new fine ring are
/// copied as they are; the coarse ring is rebuilt from the old coarse buckets and the fine
/// ticks that leave, so nothing the new shape can hold is lost and the newest data never is.
final class RingResize {

    private final Encoding[] encodings;
    private final Tiers old;
    private final Tiers next;
    private final long head;
    private final int slots;
    private final long oldFineOldest;
    private final long firstBucket;
    private final long lastBucket;

    private RingResize(Encoding[] encodings, Tiers old, Retention retention, long head, long firstRecorded,
            int slots) {
        this.encodings = encodings;
        this.old = old;
        this.head = head;
        this.slots = slots;
        // Nothing is older than the first tick recorded: a young history copies only what it has.
        this.oldFineOldest = Math.max(head - old.fineTicks + 1, firstRecorded);
        long newFineOldest = head - retention.fineTicks() + 1;
        if (!retention.hasCoarseTier() || head == FleetHistory.NO_TICK) {
            this.next = new Tiers(retention, FleetHistory.NO_TICK);
            this.firstBucket = 0;
            this.lastBucket = -1;
            return;
        }
        // The bucket of the tick before the new fine ring: averaged now, since its first tick
        // has left already (or leaves now).
        this.next = new Tiers(retention, Math.floorDiv(newFineOldest - 1, (long) retention.coarseFactor()));
        long oldestHeld = old.coarseHead() == FleetHistory.NO_TICK ? oldFineOldest : old.coarseOldestTick();
        this.lastBucket = next.coarseHead();
        this.firstBucket = Math.max(lastBucket - next.coarseTicks + 1, next.bucketOf(oldestHeld));
    }

    /// Replaces every chunk of `chunks` by one laid out for `retention` and returns the new
    /// tier state; `head` is the newest tick recorded, `firstRecorded` the oldest still held.
    static Tiers resize(HistoryChunk[] chunks, Encoding[] encodings, Tiers old, Retention retention, long head,
            long firstRecorded, int slots) {
        RingResize resize = new RingResize(encodings, old, retention, head, firstRecorded, slots);
        for (int i = 0; i < chunks.length; i++) {
            if (chunks[i] != null) {
                chunks[i] = resize.relayout(chunks[i]);
            }
        }
        return resize.next;
    }

    private HistoryChunk relayout(HistoryChunk from) {
        HistoryChunk to = new HistoryChunk(encodings, next.retention, slots);
        System.arraycopy(from.lastTick, 0, to.lastTick, 0, from.lastTick.length);
        System.arraycopy(from.lastSeen, 0, to.lastSeen, 0, from.lastSeen.length);
        if (head == FleetHistory.NO_TICK) {
            return to;
        }
        for (long tick = Math.max(head - next.fineTicks + 1, oldFineOldest); tick <= head; tick++) {
            int source = old.finePosition(tick) * slots;
            int target = next.finePosition(tick) * slots;
            for (int column = 0; column < encodings.length; column++) {
                to.columns[column].copyFrom(from.columns[column], source, target, slots);
            }
        }
        double[] sums = new double[slots];
        double[] weights = new double[slots];
        for (long bucket = firstBucket; bucket <= lastBucket; bucket++) {
            for (int column = 0; column < encodings.length; column++) {
                Arrays.fill(sums, 0);
                Arrays.fill(weights, 0);
                gather(from, column, bucket, sums, weights);
                Column target = to.coarse[column];
                int start = next.coarsePosition(bucket) * slots;
                for (int slot = 0; slot < slots; slot++) {
                    target.set(start + slot, weights[slot] == 0 ? Double.NaN : sums[slot] / weights[slot]);
                }
            }
        }
        return to;
    }

    /// Adds up what the old rings hold for the new `bucket`: old buckets that start in it
    /// (weighted by their length), and fine ticks in it that no old bucket covers.
    private void gather(HistoryChunk from, int column, long bucket, double[] sums, double[] weights) {
        long start = bucket * next.factor;
        long end = start + next.factor - 1;
        long fineFrom = Math.max(start, oldFineOldest);
        if (old.factor > 0) {
            for (long b = Math.ceilDiv(start, (long) old.factor); b * old.factor <= end; b++) {
                if (old.coarseHolds(b)) {
                    add(from.coarse[column], old.coarsePosition(b), old.factor, sums, weights);
                }
            }
            if (old.coarseHead() != FleetHistory.NO_TICK) {
                fineFrom = Math.max(fineFrom, (old.coarseHead() + 1) * old.factor);
            }
        }
        for (long tick = fineFrom; tick <= Math.min(end, head); tick++) {
            add(from.columns[column], old.finePosition(tick), 1, sums, weights);
        }
    }

    private void add(Column cells, int position, double weight, double[] sums, double[] weights) {
        int start = position * slots;
        for (int slot = 0; slot < slots; slot++) {
            double value = cells.get(start + slot);
            if (!Double.isNaN(value)) {
                sums[slot] += value * weight;
                weights[slot] += weight;
            }
        }
    }
}
