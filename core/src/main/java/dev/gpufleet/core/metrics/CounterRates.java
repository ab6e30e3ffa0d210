package dev.gpufleet.core.metrics;

import java.time.Duration;
import java.time.Instant;

/// Per-second rates from two readings of a [MetricKind#COUNTER].
///
/// Counters only grow, so a decrease means the counter restarted (driver reload, GPU reset,
/// exporter restart for volatile fields). What happened before the restart is lost; with
/// [Reset#FROM_ZERO] the rate is the new reading over the whole interval, a lower bound of the
/// true rate, so a restart can never show as a spike. With [Reset#UNKNOWN] it is `NaN`.
/// Anything not a finite, non-negative number in, or time not moving forward, gives `NaN`:
/// "no rate" is never drawn as zero.
public final class CounterRates {

    /// What to assume when a counter went down between two readings.
    public enum Reset {
        /// The counter restarted from zero (true of DCGM's counters): rate = new value / interval.
        FROM_ZERO,
        /// The starting point is unknown: no rate for this interval.
        UNKNOWN
    }

    private CounterRates() {
    }

    /// The rate per second between `previous` at `previousAt` and `current` at `currentAt`,
    /// assuming a counter that went down restarted from zero.
    public static double perSecond(double previous, Instant previousAt, double current, Instant currentAt) {
        long nanos = Duration.between(previousAt, currentAt).toNanos();
        return perSecondOver(previous, current, nanos / 1e9, Reset.FROM_ZERO);
    }

    /// The rate per second between readings taken at the given epoch milliseconds.
    public static double perSecond(double previous, long previousMillis, double current, long currentMillis) {
        return perSecondOver(previous, current, (currentMillis - previousMillis) / 1000.0, Reset.FROM_ZERO);
    }

    /// The rate per second over `seconds` from `previous` to `current`, with `reset` deciding
    /// what a decrease means.
    public static double perSecondOver(double previous, double current, double seconds, Reset reset) {
        if (!isReading(previous) || !isReading(current) || !(seconds > 0) || Double.isInfinite(seconds)) {
            return Double.NaN;
        }
        if (current >= previous) {
            return (current - previous) / seconds;
        }
        return reset == Reset.FROM_ZERO ? current / seconds : Double.NaN;
    }

    /// The increase between two readings (the same rules as the rate, without the time).
    public static double increase(double previous, double current, Reset reset) {
        return perSecondOver(previous, current, 1.0, reset);
    }

    private static boolean isReading(double value) {
        return value >= 0 && !Double.isInfinite(value);
    }
}
