package dev.gpufleet.views.clusters;

/// Which kubeconfig contexts the user marked read-only: gpufleet changes nothing there — no
/// cordon, no drain — and an action's UI offers its commands disabled with this as the reason.
@FunctionalInterface
public interface ReadOnlyContexts {

    /// Nothing is read-only (tests, screenshots).
    ReadOnlyContexts NONE = context -> false;

    /// Whether `context` (a kubeconfig context, or the demo fleet's name) is read-only.
    boolean isReadOnly(String context);
}
