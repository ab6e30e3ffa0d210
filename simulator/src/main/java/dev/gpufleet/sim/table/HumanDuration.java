package dev.gpufleet.sim.table;

import java.time.Duration;
import java.time.Instant;

/// Ages the way `kubectl get` prints them (`apimachinery/pkg/util/duration.HumanDuration`):
/// `45s`, `3m12s`, `2h10m`, `5d3h`, `120d`, `2y30d`.
public final class HumanDuration {

    private HumanDuration() {
    }

    /// The age of something created at `then`, seen at `now`; `<unknown>` without a time.
    public static String since(String rfc3339, Instant now) {
        if (rfc3339 == null || rfc3339.isEmpty()) {
            return "<unknown>";
        }
        return format(Duration.between(Instant.parse(rfc3339), now));
    }

    public static String format(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        } else if (minutes < 180) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            long dy = (hours / 24) % 365;
            return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
        }
        return hours / 24 / 365 + "y";
    }
}
