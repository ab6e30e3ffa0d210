package dev.gpufleet.core.store;

import dev.gpufleet.core.telemetry.TelemetryFrame;

/// Where connectors deliver what they learn. Calls may come from any thread; the store
/// behind it applies them in order on its single writer.
public interface FleetSink {

    void inventory(String cluster, InventoryEvent event);

    void telemetry(TelemetryFrame frame);

    void connection(String cluster, ConnectionStatus status);

    /// Forgets a cluster entirely (its tab was closed, its context removed).
    void removeCluster(String cluster);
}
