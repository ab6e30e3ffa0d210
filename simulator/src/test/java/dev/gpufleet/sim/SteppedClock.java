package dev.gpufleet.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/// A clock tests move by hand, so simulated telemetry is reproducible.
final class SteppedClock implements InstantSource {

    static final Instant EPOCH = Instant.parse("2025-06-02T09:00:00Z");

    private volatile Instant now;

    SteppedClock() {
        this(EPOCH);
    }

    SteppedClock(Instant start) {
        this.now = start;
    }

    void advance(Duration step) {
        now = now.plus(step);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
