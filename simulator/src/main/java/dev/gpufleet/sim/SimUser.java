package dev.gpufleet.sim;

import java.util.Locale;
import java.util.Set;

/// The people the simulated API server knows, each with a bearer token of its own and the
/// rights a real cluster would give them through RBAC:
///
/// - `ADMIN`: everything (the simulator's default kubeconfig).
/// - `ONCALL`: reads everything but Secrets; cordons, taints and labels nodes (patch, update);
///   evicts pods (create `pods/eviction`); deletes pods; creates Jobs and Events (diagnostics,
///   audit events). What an on-call SRE role typically holds.
/// - `VIEWER`: reads (get, list, watch) everything but Secrets, including `pods/log` and the
///   `pods/proxy` that telemetry comes through; changes nothing.
///
/// The server answers a request outside a user's rights with 403 worded as the real API server
/// words it, and a SelfSubjectAccessReview with the same verdict.
public enum SimUser {
    ADMIN,
    ONCALL,
    VIEWER;

    private static final Set<String> READ = Set.of("get", "list", "watch");

    /// The user's name as the server reports it (`admin`, `oncall`, `viewer`).
    public String userName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /// Whether this user may `verb` the `resource` (with `subresource`, empty for none) of API
    /// `group` (empty for the core group).
    public boolean may(String verb, String group, String resource, String subresource) {
        if (this == ADMIN) {
            return true;
        }
        if (resource.equals("secrets")) {
            return false;
        }
        if (READ.contains(verb)) {
            return true;
        }
        if (this == VIEWER) {
            return false;
        }
        return switch (group + "/" + resource + (subresource.isEmpty() ? "" : "/" + subresource)) {
            case "/nodes" -> verb.equals("patch") || verb.equals("update");
            case "/pods/eviction" -> verb.equals("create");
            case "/pods" -> verb.equals("delete");
            case "/events", "events.k8s.io/events" -> verb.equals("create") || verb.equals("patch");
            case "batch/jobs" -> verb.equals("create") || verb.equals("delete");
            default -> false;
        };
    }
}
