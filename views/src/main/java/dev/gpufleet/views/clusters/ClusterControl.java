package dev.gpufleet.views.clusters;

/// What the cluster list may ask of the application. Calls come on the FX thread and must
/// return at once; the work happens in the background and shows up in fleet snapshots.
public interface ClusterControl {

    void connect(ClusterEntry entry);

    void disconnect(ClusterEntry entry);
}
