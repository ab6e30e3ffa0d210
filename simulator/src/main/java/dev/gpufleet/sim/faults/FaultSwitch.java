package dev.gpufleet.sim.faults;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/// One fault switch as written on the command line and in the HTTP API: `NAME[=PARAM]`, e.g.
/// `throttle=0.5`, `slow=300ms`, `restart=5s`, `watch-503`.
///
/// @param parameter the text after `=`, `null` when none was given
public record FaultSwitch(ApiFault fault, @Nullable String parameter) {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");

    public FaultSwitch {
        Objects.requireNonNull(fault, "fault");
        parameter = parameter == null || parameter.isBlank() ? null : parameter.strip();
        if (parameter != null) {
            switch (fault) {
                case RESTART, WATCH_EXPIRY, SLOW -> duration(fault, parameter);
                case THROTTLE, DROP -> fraction(fault, parameter);
                case WATCH_503 -> throw new IllegalArgumentException("fault watch-503 takes no parameter, not \""
                        + parameter + "\"");
            }
        }
    }

    /// Parses `NAME[=PARAM]`.
    ///
    /// @throws IllegalArgumentException saying what is wrong and what is allowed
    public static FaultSwitch parse(String text) {
        Objects.requireNonNull(text, "text");
        int eq = text.indexOf('=');
        String name = eq < 0 ? text : text.substring(0, eq);
        String parameter = eq < 0 ? null : text.substring(eq + 1);
        return new FaultSwitch(ApiFault.named(name), parameter);
    }

    /// The parameter as a duration, or `fallback` when none was given.
    public Duration durationOr(Duration fallback) {
        return parameter == null ? fallback : duration(fault, parameter);
    }

    /// The parameter as a fraction 0..1, or 1 when none was given.
    public double fraction() {
        return parameter == null ? 1.0 : fraction(fault, parameter);
    }

    /// `NAME=PARAM` or `NAME`.
    @Override
    public String toString() {
        return fault.switchName() + (parameter == null ? "" : "=" + parameter);
    }

    private static Duration duration(ApiFault fault, String text) {
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("fault " + fault.switchName() + " takes a duration such as 500ms, 3s or"
                    + " 1m, not \"" + text + "\"");
        }
        double amount = Double.parseDouble(m.group(1));
        long millis = Math.round(amount * switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            default -> 60_000;
        });
        return Duration.ofMillis(millis);
    }

    private static double fraction(ApiFault fault, String text) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException("fault " + fault.switchName() + " takes the fraction of requests it"
                    + " hits, above 0 and at most 1 (e.g. 0.5), not \"" + text + "\"");
        }
        return value;
    }
}
