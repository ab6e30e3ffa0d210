package dev.gpufleet.sim.fleet;

import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;

/// The simulation's notion of time: a start instant and an injectable source for "now".
///
/// Ages of objects are fixed relative to the start; telemetry is a function of the seconds
/// elapsed since it, so the same seed at the same elapsed time gives the same output.
public final class SimClock {

    private final InstantSource source;
    private final Instant start;

    public SimClock(InstantSource source) {
        this.source = source;
        this.start = source.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    public Instant start() {
        return start;
    }

    public Instant now() {
        return source.instant();
    }

    /// Seconds since the start, never negative.
    public double elapsedSeconds() {
        long nanos = ChronoUnit.NANOS.between(start, source.instant());
        return Math.max(0, nanos / 1e9);
    }
}
