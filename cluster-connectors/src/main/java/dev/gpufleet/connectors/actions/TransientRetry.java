package dev.gpufleet.connectors.actions;

import java.time.Duration;

/// Riding out an API server's bad moment during an action: throttling (429 from API Priority
/// and Fairness), 5xx, a restart (no connection) or a timeout. Waits grow from 0.5 s to 5 s, or
/// what the server asked for in `Retry-After` (at most 10 s); after [#LIMIT] of unbroken trouble
/// the action stops and says so.
final class TransientRetry {

    /// How long an action keeps retrying through trouble before it stops in a described state.
    static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(5);
    private static final Duration MAX_SERVER_PAUSE = Duration.ofSeconds(10);

    private long troubleSince;
    private Duration pause = FIRST_PAUSE;

    /// Whether a failure with this HTTP status (0 or less: not reached) may pass if tried again.
    static boolean isTransient(int status) {
        return status <= 0 || status == 429 || status >= 500;
    }

    /// Waits before the next try; false (without waiting) when the trouble has lasted past
    /// [#LIMIT].
    boolean pause(Duration serverAsked) throws InterruptedException {
        long now = System.nanoTime();
        if (troubleSince == 0) {
            troubleSince = now;
        } else if (now - troubleSince > LIMIT.toNanos()) {
            return false;
        }
        Duration asked = serverAsked.compareTo(MAX_SERVER_PAUSE) > 0 ? MAX_SERVER_PAUSE : serverAsked;
        Thread.sleep(asked.compareTo(pause) > 0 ? asked : pause);
        pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        return true;
    }

    /// The trouble is over (a request went through).
    void reset() {
        troubleSince = 0;
        pause = FIRST_PAUSE;
    }

    /// E.g. `after 60 s of retries`.
    static String gaveUp() {
        return "after " + LIMIT.toSeconds() + " s of retries";
    }
}
