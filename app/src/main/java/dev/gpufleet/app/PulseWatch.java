package dev.gpufleet.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import javafx.animation.AnimationTimer;

/// Measures how responsive the JavaFX thread stays: an [AnimationTimer] notes the time of
/// every pulse, and the longest gap between two pulses is the longest the window could not
/// repaint or react. Gaps that overlap a stretch marked with [#excluding] (the bench's own
/// full collections) are not counted.
final class PulseWatch {

    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            pulse(System.nanoTime());
        }
    };
    private long lastPulse;
    private long longestGap;
    private long excludedUntil;
    private volatile boolean excluding;
    private long pulses;
    private final List<SlowGap> slowGaps = new ArrayList<>();
    private static final long SLOW_GAP_NANOS = 100_000_000;
    private static final int SLOW_GAPS_KEPT = 50;

    /// A gap of at least 100 ms: when it began (`System.nanoTime()`) and how long it was.
    record SlowGap(long startNanos, long gapNanos) {
    }

    /// Starts watching; call on the FX thread.
    void start() {
        timer.start();
    }

    /// Stops watching; call on the FX thread.
    void stop() {
        timer.stop();
    }

    synchronized void pulse(long nanos) {
        if (lastPulse != 0 && !excluding && lastPulse >= excludedUntil) {
            long gap = nanos - lastPulse;
            longestGap = Math.max(longestGap, gap);
            if (gap >= SLOW_GAP_NANOS && slowGaps.size() < SLOW_GAPS_KEPT) {
                slowGaps.add(new SlowGap(lastPulse, gap));
            }
        }
        lastPulse = nanos;
        pulses++;
    }

    /// Runs `work` (on the calling thread) without counting the pulse gaps it causes.
    long excluding(LongSupplier work) {
        excluding = true;
        try {
            return work.getAsLong();
        } finally {
            synchronized (this) {
                excluding = false;
                excludedUntil = System.nanoTime();
            }
        }
    }

    synchronized Duration longestGap() {
        return Duration.ofNanos(longestGap);
    }

    /// The first 50 gaps of at least 100 ms, in order: where the UI stalled, to set beside a GC log.
    synchronized List<SlowGap> slowGaps() {
        return List.copyOf(slowGaps);
    }

    synchronized long pulses() {
        return pulses;
    }
}
