package dev.gpufleet.sim.store;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.List;

/// The recent changes of one store, which a watch from an earlier resource version replays.
///
/// Bounded twice, as the API server's is: by count, and by age like etcd's compaction
/// (kube-apiserver compacts every 5 minutes, `--etcd-compaction-interval`), so under churn the
/// history reaches a steady size within minutes instead of filling up for as long as the count
/// allows. Old changes are let go of when a change is added and on [#compact()], which the
/// store calls on every subscription and the cluster's tick calls now and then; no thread of
/// its own. Not thread-safe: the store serialises access.
final class WatchHistory {

    /// Most changes kept per store, however recent.
    static final int MAX_EVENTS = 4_096;
    /// How far back in time a watch can start: kube-apiserver's default `--etcd-compaction-interval`.
    static final Duration COMPACTION_WINDOW = Duration.ofMinutes(5);

    private record Entry(WatchEvent event, long atMillis) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final int maxEvents;
    private final long windowMillis;
    private final InstantSource clock;
    private long evictedThrough = -1;

    WatchHistory(InstantSource clock) {
        this(clock, MAX_EVENTS, COMPACTION_WINDOW);
    }

    WatchHistory(InstantSource clock, int maxEvents, Duration window) {
        if (maxEvents < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a watch history needs room for at least one change and a positive "
                    + "window, got " + maxEvents + " changes and " + window);
        }
        this.clock = clock;
        this.maxEvents = maxEvents;
        this.windowMillis = window.toMillis();
    }

    /// Appends a change made now, letting go of the oldest past the count or the window.
    void add(WatchEvent event) {
        long now = clock.millis();
        entries.addLast(new Entry(event, now));
        while (entries.size() > maxEvents) {
            evictFirst();
        }
        compact(now);
    }

    /// Lets go of the changes older than the compaction window.
    void compact() {
        compact(clock.millis());
    }

    private void compact(long now) {
        long cutoff = now - windowMillis;
        while (!entries.isEmpty() && entries.peekFirst().atMillis() < cutoff) {
            evictFirst();
        }
    }

    private void evictFirst() {
        evictedThrough = entries.removeFirst().event().resourceVersion();
    }

    /// Whether any change has been let go of: then the history, not the initial objects, decides
    /// how far back a watch can start.
    boolean evicted() {
        return evictedThrough >= 0;
    }

    /// The resource version of the newest change let go of (-1 if none): a watch must start from
    /// it or later, since the changes after it are all still here.
    long evictedThrough() {
        return evictedThrough;
    }

    /// Adds the kept changes after `fromVersion`, oldest first, to `replay`.
    void replayAfter(long fromVersion, List<WatchEvent> replay) {
        for (Entry e : entries) {
            if (e.event().resourceVersion() > fromVersion) {
                replay.add(e.event());
            }
        }
    }

    /// Number of changes kept now.
    int size() {
        return entries.size();
    }
}
