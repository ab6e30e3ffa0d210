package dev.gpufleet.app;

import java.time.Duration;
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
            longestGap = Math.max(longestGap, nanos - lastPulse);
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

    synchronized long pulses() {
        return pulses;
    }
}
