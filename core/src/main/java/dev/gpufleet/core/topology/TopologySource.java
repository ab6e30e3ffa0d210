package dev.gpufleet.core.topology;

import java.util.Optional;

/// Reads a node's topology from the node itself. Probing is an action on the user's cluster
/// (it runs a short-lived pod there), so views call it only when the user asks.
public interface TopologySource {

    /// Runs `nvidia-smi topo -m` on `node` of `cluster` and returns what it printed, parsed.
    /// Blocks until done; call it off the UI thread.
    ///
    /// @throws TopologyProbeException with a message for people: a missing permission, a
    ///         timeout, output that could not be read, a cluster that is not connected
    GpuTopology probe(String cluster, String node) throws TopologyProbeException;

    /// What an earlier probe of `node` found, without probing; empty when it was not probed.
    default Optional<GpuTopology> probed(String cluster, String node) {
        return Optional.empty();
    }
}
