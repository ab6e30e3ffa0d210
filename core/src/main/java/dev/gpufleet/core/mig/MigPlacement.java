package dev.gpufleet.core.mig;

import java.util.List;

/// The outcome of placing a GPU's instances: where each sits, or why no valid layout exists.
public sealed interface MigPlacement {

    /// Every instance placed, in the order given.
    record Placed(List<MigSlot> slots) implements MigPlacement {
        public Placed {
            slots = List.copyOf(slots);
        }
    }

    /// No layout: a profile the product does not have, too many of one profile, or a set that
    /// does not fit on the card's slices together.
    record Rejected(Reason reason, String message) implements MigPlacement {
    }

    /// Why a set of instances was rejected.
    enum Reason {
        /// A profile this product does not offer (or gpufleet does not know).
        UNKNOWN_PROFILE,
        /// More instances of one profile than the card allows.
        TOO_MANY,
        /// The instances overlap wherever they are put.
        DOES_NOT_FIT
    }
}
