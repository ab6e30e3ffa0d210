package dev.gpufleet.views.format;

import java.time.Duration;
import java.time.Instant;

/// Short, human ages: `just now`, `4 s ago`, `3 min ago`, `2 h ago`.
public final class Ages {

    private Ages() {
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
