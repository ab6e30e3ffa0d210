package dev.gpufleet.core.capacity;

/// What a report row sums over. Keys name the thing inside its cluster: `cluster`,
/// `cluster/pool`, `cluster/node`, `cluster/namespace`, `cluster/namespace/Kind/name`, and an
/// hour's start (`2026-11-26T03:00:00Z`) for the fleet's hourly trend.
public enum WasteScope {
    FLEET("fleet"),
    CLUSTER("cluster"),
    POOL("pool"),
    NODE("node"),
    NAMESPACE("namespace"),
    WORKLOAD("workload"),
    HOUR("hour");

    private final String id;

    WasteScope(String id) {
        this.id = id;
    }

    /// The name in CSV and JSON output.
    public String id() {
        return id;
    }
}
