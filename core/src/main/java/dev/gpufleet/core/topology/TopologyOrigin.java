package dev.gpufleet.core.topology;

/// Where a [GpuTopology] came from, so a view can say how much to trust it.
public enum TopologyOrigin {
    /// Read from `nvidia-smi topo -m` on the node itself.
    PROBED,
    /// The known layout of the node's board, chosen by GPU product and count: not probed.
    KNOWN_BOARD
}
