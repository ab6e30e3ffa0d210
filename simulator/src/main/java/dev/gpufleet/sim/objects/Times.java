package dev.gpufleet.sim.objects;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/// Timestamps in the two shapes the Kubernetes API writes: RFC 3339 seconds (`Time`) and
/// microseconds (`MicroTime`).
public final class Times {

    private static final DateTimeFormatter MICRO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    /// E.g. `2025-03-19T20:40:47Z`.
    public static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /// E.g. `2025-03-19T20:40:47.123456Z`.
    public static String microTime(Instant t) {
        return MICRO.format(t);
    }
}
