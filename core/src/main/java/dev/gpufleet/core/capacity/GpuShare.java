package dev.gpufleet.core.capacity;

import java.util.List;

/// How one GPU's time divides among the categories at one snapshot, and who holds it.
///
/// @param cluster      its cluster
/// @param poolKey      `cluster/pool` of its node's pool ([PoolLabels])
/// @param nodeKey      `cluster/node`
/// @param gpuKey       `cluster/node/index`, to follow its energy counter from one snapshot to the next
/// @param pricePerHour dollars per GPU-hour of its model
/// @param powerWatts   its power draw, `NaN` when not reported
/// @param energyMillijoules its energy counter, `NaN` when not reported
/// @param categories   the share of its time in each [WasteCategory] (by ordinal), summing to 1
/// @param holders      the part of those shares each workload holds (allocated time only)
record GpuShare(String cluster, String poolKey, String nodeKey, String gpuKey, double pricePerHour,
        double powerWatts, double energyMillijoules, double[] categories, List<Holder> holders) {

    /// A workload's part of a GPU's shares: a whole GPU, a MIG instance's slice share, or an
    /// even split among the pods that share one device.
    ///
    /// @param namespaceKey `cluster/namespace`
    /// @param workloadKey  `cluster/namespace/Kind/name` ([Workloads])
    /// @param categories   its share of the GPU's time in each category
    record Holder(String namespaceKey, String workloadKey, double[] categories) {
    }
}
