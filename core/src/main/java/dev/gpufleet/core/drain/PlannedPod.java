package dev.gpufleet.core.drain;

import java.util.Objects;

/// One pod of a [DrainPlan] and what the drain does with it.
public record PlannedPod(DrainCandidate pod, Disposition disposition) {

    public PlannedPod {
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(disposition, "disposition");
    }
}
