package dev.gpufleet.connectors.cluster;

import dev.gpufleet.connectors.kube.ServerPushback;
import java.time.Duration;
import java.util.OptionalInt;

/// The waits between attempts to reach a cluster again: 0.5 s, doubling up to a cap; a wait the
/// server asked for (`Retry-After`) is honoured when longer, but never past the cap, so a
/// cluster is current again soon after its API server recovers.
final class Backoff {

    static final Duration FIRST = Duration.ofMillis(500);

    private final Duration cap;
    private final ServerPushback pushback;
    private Duration next = FIRST;

    Backoff(Duration cap, ServerPushback pushback) {
        this.cap = cap.compareTo(FIRST) < 0 ? FIRST : cap;
        this.pushback = pushback;
    }

    /// The wait before the next attempt; each call doubles the following one, up to the cap.
    Duration nextDelay() {
        Duration ours = next;
        next = min(next.multipliedBy(2), cap);
        Duration asked = pushback.takeRetryAfter().orElse(Duration.ZERO);
        return asked.compareTo(ours) > 0 ? min(asked, cap) : ours;
    }

    /// Starts again from the first wait (after a success).
    void reset() {
        next = FIRST;
        pushback.takeRetryAfter();
    }

    /// The code of the server's latest refusal (429 or 5xx) if it came within `within`.
    OptionalInt recentRefusal(Duration within) {
        return pushback.recentRefusal(within);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
