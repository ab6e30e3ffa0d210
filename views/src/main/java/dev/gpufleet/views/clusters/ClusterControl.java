package dev.gpufleet.views.clusters;

import java.util.Optional;

/// What the cluster list may ask of the application. Calls come on the FX thread and must
/// return at once; the work happens in the background and shows up in fleet snapshots.
public interface ClusterControl {

    void connect(ClusterEntry entry);

    void disconnect(ClusterEntry entry);

    /// The entry's telemetry source, or empty where it has no choice (the demo fleet).
    default Optional<TelemetryChoice> telemetry(ClusterEntry entry) {
        return Optional.empty();
    }

    /// Remembers `choice` for the entry and, when it is connected, reconnects it with it.
    /// Returns a problem for people (e.g. the choice could not be saved), or empty.
    default Optional<String> chooseTelemetry(ClusterEntry entry, TelemetryChoice choice, boolean connected) {
        return Optional.of("The telemetry source of " + entry.name() + " cannot be changed.");
    }

    /// Whether the entry is marked read-only (see [ReadOnlyContexts]).
    default boolean readOnly(ClusterEntry entry) {
        return false;
    }

    /// Marks the entry read-only or not and remembers it. Returns a problem for people (e.g.
    /// the choice applies but could not be saved), or empty.
    default Optional<String> chooseReadOnly(ClusterEntry entry, boolean readOnly) {
        return Optional.of("The read-only switch of " + entry.name() + " cannot be changed.");
    }

    /// Whether the entry is production: destructive actions there need the node's name typed.
    default boolean production(ClusterEntry entry) {
        return false;
    }

    /// Marks the entry production or not and remembers it. Returns a problem for people (e.g.
    /// the choice applies but could not be saved), or empty.
    default Optional<String> chooseProduction(ClusterEntry entry, boolean production) {
        return Optional.of("The production mark of " + entry.name() + " cannot be changed.");
    }
}
