package dev.gpufleet.views.format;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/// Short, human ages: `just now`, `4 s ago`, `3 min ago`, `2 h ago`; and clock times.
public final class Ages {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Ages() {
    }

    /// The wall-clock time of `moment` in the local time zone, e.g. `12:03:05`.
    public static String clock(Instant moment) {
        return CLOCK.withZone(ZoneId.systemDefault()).format(moment);
    }

    /// How long before `now` the moment `then` was, for a status line.
    public static String ago(Instant then, Instant now) {
        Duration age = Duration.between(then, now);
        if (age.isNegative() || age.toMillis() < 1000) {
            return "just now";
        }
        long seconds = age.toSeconds();
        if (seconds < 90) {
            return seconds + " s ago";
        }
        long minutes = age.toMinutes();
        if (minutes < 90) {
            return minutes + " min ago";
        }
        long hours = age.toHours();
        return hours < 48 ? hours + " h ago" : age.toDays() + " d ago";
    }
}
