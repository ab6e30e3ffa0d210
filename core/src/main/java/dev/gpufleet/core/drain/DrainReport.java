package dev.gpufleet.core.drain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/// How a drain ended: which pods are gone, which remain, and why it stopped. The node stays
/// cordoned whatever the outcome (the safe state); uncordon it to undo.
public record DrainReport(String node, Outcome outcome, List<String> gone, List<String> remaining, String message,
        Duration took) {

    public DrainReport {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(outcome, "outcome");
        gone = List.copyOf(gone);
        remaining = List.copyOf(remaining);
    }

    public enum Outcome {
        /// Every pod to remove is gone.
        DRAINED,
        /// A dry run: nothing changed.
        DRY_RUN,
        /// The plan had pods that need `--force` or `--delete-emptydir-data`; nothing was evicted.
        REFUSED,
        /// Gave up at the timeout; some pods remain.
        TIMED_OUT,
        /// The operator cancelled; some pods may remain.
        CANCELLED,
        /// Some evictions failed for reasons a retry does not fix (e.g. 403).
        FAILED;

        public boolean succeeded() {
            return this == DRAINED || this == DRY_RUN;
        }
    }
}
