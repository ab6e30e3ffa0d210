package dev.gpufleet.app.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// Reads durations the way kubectl takes them: `90s`, `5m`, `1h30m`, `250ms`, and days as
/// Prometheus writes them: `7d`.
final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {
    }

    /// As [#parse], but `0` or `0s` mean zero (e.g. "no limit").
    static Duration parseAllowingZero(String text, String option) {
        String trimmed = text.trim();
        return trimmed.equals("0") || trimmed.equals("0s") ? Duration.ZERO : parse(text, option);
    }

    static Duration parse(String text, String option) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Matcher part = PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
            end = part.end();
        }
        if (trimmed.isEmpty() || end != trimmed.length() || total.isZero()) {
            throw new UserError(option + ": '" + text + "' is not a duration. Write it like 30s, 5m or 1h30m.");
        }
        return total;
    }

    /// The shortest way [#parse] reads back: `7d`, `2m`, `15s`, `1h30m`, `250ms`.
    static String format(Duration duration) {
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.toSeconds();
        StringBuilder text = new StringBuilder();
        long[] sizes = {86_400, 3_600, 60, 1};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (seconds >= sizes[i]) {
                text.append(seconds / sizes[i]).append(units[i]);
                seconds %= sizes[i];
            }
        }
        return text.isEmpty() ? "0s" : text.toString();
    }
}
