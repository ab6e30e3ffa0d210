package dev.gpufleet.core.drain;

import java.time.Duration;

/// One step of a running drain, for progress that never hangs silently.
public sealed interface DrainEvent {

    /// The node is unschedulable now (`already` when it was before the drain).
    record Cordoned(String node, boolean already) implements DrainEvent {
    }

    /// The Eviction for `pod` was accepted; its deletion (grace period) has begun.
    record Evicted(DrainCandidate pod) implements DrainEvent {
    }

    /// A PodDisruptionBudget refused the eviction (429); asked again after `retryIn`.
    /// `reason` is the API server's message, naming the budget.
    record EvictionBlocked(DrainCandidate pod, String reason, int attempt, Duration retryIn) implements DrainEvent {
    }

    /// The pod is gone (404), or `replaced` by a new pod of the same name (another uid).
    record PodGone(DrainCandidate pod, boolean replaced) implements DrainEvent {
    }

    /// The eviction failed for another reason (403, a server error…); the drain goes on with the
    /// other pods and reports this one as remaining.
    record EvictionFailed(DrainCandidate pod, String message) implements DrainEvent {
    }
}
