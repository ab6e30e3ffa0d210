package dev.gpufleet.app.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// How long a soak runs, how often it samples, where it writes its samples, and the bounds its
/// verdict holds the run to.
///
/// @param duration          how long the console runs
/// @param interval          time between two samples (30 s for a real soak)
/// @param out               file for the samples as CSV, or null for none
/// @param heapSlopeLimitMb  most heap growth allowed, MB per 10 min, fitted over the second half
/// @param frameDegradation  most the frame time p99 of the last window may be, as a multiple of
///                          the first window's (2 = twice as slow)
public record SoakPlan(Duration duration, Duration interval, @Nullable Path out, double heapSlopeLimitMb,
        double frameDegradation) {

    /// Heap growth allowed over the second half of a soak: 4 MB per 10 min.
    public static final double DEFAULT_HEAP_SLOPE_LIMIT_MB = 4;
    /// Frame time allowed at the end: twice that at the start.
    public static final double DEFAULT_FRAME_DEGRADATION = 2;
    /// A frame time rise below this many milliseconds is jitter, never a degradation.
    public static final double FRAME_NOISE_MS = 1;
    /// Samples taken every 30 s by default.
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    public SoakPlan {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(interval, "interval");
        if (interval.toMillis() < 100 || duration.compareTo(interval.multipliedBy(4)) < 0) {
            throw new IllegalArgumentException("a soak needs at least 4 samples and at most one every 100 ms: got "
                    + duration + " with a sample every " + interval + "; lengthen it or sample more often");
        }
    }

    /// A soak of `duration`, sampling every 30 s, with the default bounds.
    public static SoakPlan of(Duration duration, Duration interval, @Nullable Path out) {
        return new SoakPlan(duration, interval, out, DEFAULT_HEAP_SLOPE_LIMIT_MB, DEFAULT_FRAME_DEGRADATION);
    }

    /// The span at each end of the run whose frame times are compared: 5 min, or a quarter of a
    /// run shorter than 20 min.
    public Duration edge() {
        Duration quarter = duration.dividedBy(4);
        return quarter.compareTo(Duration.ofMinutes(5)) < 0 ? quarter : Duration.ofMinutes(5);
    }
}
