package dev.gpufleet.core.rebalance;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// How one move of an applied rebalance ended.
///
/// @param landedOn where the owner's replacement was scheduled ([Status#LANDED] only)
/// @param message  for people: what happened and, if it did not work, what to do
public record MoveResult(Move move, Status status, @Nullable String landedOn, String message) {

    /// The end of a move.
    public enum Status {
        /// Evicted, and the owner's replacement is scheduled (`landedOn`).
        LANDED,
        /// The pod was gone before its eviction, or it has no owner to replace it.
        GONE,
        /// A PodDisruptionBudget refused the eviction until the run ended.
        BLOCKED,
        /// The eviction failed (permissions, server error) or could not be audited.
        FAILED,
        /// Ctrl-C or the timeout stopped the move, or stopped the run before it began.
        STOPPED;

        /// Whether the move left the cluster as the plan wanted (the pod off its source).
        public boolean done() {
            return this == LANDED || this == GONE;
        }
    }

    public MoveResult {
        Objects.requireNonNull(move, "move");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
    }

    /// Whether the replacement landed where the plan expected it.
    public boolean landedAsPlanned() {
        return status == Status.LANDED && move.to().equals(landedOn);
    }
}
