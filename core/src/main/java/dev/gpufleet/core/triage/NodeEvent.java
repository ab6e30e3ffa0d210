package dev.gpufleet.core.triage;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/// A Kubernetes Event about a node, as much as triage needs of it.
///
/// @param type      `Normal` or `Warning`
/// @param reason    e.g. `XidError`, `NodeNotReady`
/// @param message   the event's text
/// @param component who reported it, e.g. `kubelet`
/// @param count     how many times it happened
/// @param firstSeen when it first happened, when known
/// @param lastSeen  when it last happened, when known
public record NodeEvent(
        String type,
        String reason,
        String message,
        String component,
        int count,
        @Nullable Instant firstSeen,
        @Nullable Instant lastSeen) {

    public boolean isWarning() {
        return "Warning".equals(type);
    }
}
