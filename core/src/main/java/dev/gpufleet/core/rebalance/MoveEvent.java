package dev.gpufleet.core.rebalance;

import dev.gpufleet.core.drain.DrainEvent;

/// One step of a rebalance being applied, for progress lines and the audit log.
public sealed interface MoveEvent {

    Move move();

    /// The move is about to begin (its source cordoned first, if asked); nothing is evicted yet.
    record Starting(Move move) implements MoveEvent {
    }

    /// What the eviction of the move's pod did, in drain's words (evicted, held back by a budget, gone).
    record Evicting(Move move, DrainEvent event) implements MoveEvent {
    }

    /// The move ended, however it ended.
    record Finished(Move move, MoveResult result) implements MoveEvent {
    }
}
