package dev.gpufleet.core.model;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// One condition of a Kubernetes Node (`Ready`, `MemoryPressure`, …) as the kubelet or a
/// node-problem detector reports it. `since` is the last transition, not the last heartbeat,
/// so a condition that did not change compares equal from one update to the next.
public record NodeCondition(String type, String status, @Nullable String reason, @Nullable String message,
        @Nullable Instant since) {

    public NodeCondition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
    }

    public boolean isTrue() {
        return "True".equals(status);
    }
}
