package dev.gpufleet.sim.faults;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/// The API server faults the simulator can play, by their switch names.
public enum ApiFault {
    /// The API server stops, closing every connection, and comes back on the same port after the
    /// parameter's duration (default 3 s); resource versions continue. A one-shot.
    RESTART("restart", "DURATION, down time (default 3s)"),
    /// Open watches get an ERROR event with a 410 Expired Status and end; watches from a resource
    /// version before now are answered the same. A one-shot; with a DURATION, again at that period.
    WATCH_EXPIRY("watch-expiry", "DURATION, repeat period (default: once)"),
    /// 429 Too Many Requests with `Retry-After` and the API Priority and Fairness headers, for
    /// the parameter's fraction of requests (default 1: all).
    THROTTLE("throttle", "FRACTION 0..1 (default 1)"),
    /// Watch requests answered 503 Service Unavailable; open watch streams cut.
    WATCH_503("watch-503", "none"),
    /// Every response delayed by the parameter's duration (default 1s).
    SLOW("slow", "DURATION (default 1s)"),
    /// The parameter's fraction of requests (default 1: all) have their connection reset: mid-way
    /// through the answer, or for a watch before its answer starts; open watch streams are cut
    /// mid-stream.
    DROP("drop", "FRACTION 0..1 (default 1)");

    private final String switchName;
    private final String parameter;

    ApiFault(String switchName, String parameter) {
        this.switchName = switchName;
        this.parameter = parameter;
    }

    /// E.g. `watch-expiry`.
    public String switchName() {
        return switchName;
    }

    /// What the parameter after `=` means, for help texts.
    public String parameter() {
        return parameter;
    }

    /// Whether switching it on does something once rather than setting a lasting state.
    public boolean oneShot() {
        return this == RESTART;
    }

    /// The fault named `name`, e.g. `watch-503`.
    ///
    /// @throws IllegalArgumentException naming the known faults
    public static ApiFault named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (ApiFault fault : values()) {
            if (fault.switchName.equals(wanted)) {
                return fault;
            }
        }
        throw new IllegalArgumentException("unknown fault \"" + name + "\"; known faults: " + names());
    }

    /// `restart, watch-expiry, throttle, watch-503, slow, drop`.
    public static String names() {
        return Arrays.stream(values()).map(ApiFault::switchName).collect(Collectors.joining(", "));
    }
}
