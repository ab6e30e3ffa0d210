package dev.gpufleet.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// One line of the audit log. An action writes two with the same `id`: `phase` `intent` before
/// its first request (what is about to be done, by whom, where) and `outcome` after it (how it
/// ended). An intent without an outcome is an action that was cut off (the app was killed).
///
/// @param user    the kubeconfig user of the context (a name, never a credential)
/// @param action  e.g. `cordon`, `uncordon`, `drain`, `taint`
/// @param target  e.g. `node/gpu-h100-a-001`
/// @param details the action's parameters (intent) or results (outcome), as strings
/// @param result  on an outcome: `ok`, `refused`, `failed`, `cancelled`, `timed-out`, `dry-run`
public record AuditEntry(Instant time, String id, Phase phase, String context, String user, String action,
        String target, Map<String, String> details, @Nullable String result, @Nullable String message) {

    public enum Phase { intent, outcome }

    public AuditEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        details = Map.copyOf(details);
    }
}
