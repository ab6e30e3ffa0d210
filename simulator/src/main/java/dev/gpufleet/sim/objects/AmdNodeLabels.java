package dev.gpufleet.sim.objects;

import dev.gpufleet.sim.fleet.AmdPartitionMode;
import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.GpuFault;
import dev.gpufleet.sim.fleet.GpuModel;
import dev.gpufleet.sim.fleet.NodePool;
import java.util.Map;
import java.util.Objects;

/// The labels and GPU resources of an AMD node, as Node Feature Discovery, the AMD GPU
/// Operator's node labeller (with its partition flags on) and its device plugin set them:
/// `feature.node.kubernetes.io/amd-gpu`, `amd.com/gpu.product-name=AMD_Instinct_MI300X_OAM`,
/// `amd.com/gpu.vram=192G`, `amd.com/compute-memory-partition=cpx_nps4`, the older
/// `beta.amd.com/gpu.*` counting labels, and `amd.com/gpu` = cards × compute partitions.
final class AmdNodeLabels {

    /// The node labeller's figures for an MI300X: PCI device id, compute units, SIMDs.
    private static final String DEVICE_ID = "74a1";
    private static final int CU_COUNT = 304;
    private static final int SIMD_COUNT = 1216;

    private AmdNodeLabels() {
    }

    static void add(Map<String, String> labels, Fleet fleet, int node) {
        NodePool pool = fleet.pool(node);
        GpuModel model = pool.model();
        AmdPartitionMode mode = Objects.requireNonNull(fleet.amdPartitionMode(node), "an AMD node");
        String cards = Integer.toString(fleet.gpusPerNode());
        String vram = Math.round(model.specs().memoryMiB() / 1024.0) + "G";
        labels.put("feature.node.kubernetes.io/amd-gpu", "true");
        labels.put("feature.node.kubernetes.io/pci-1002.present", "true");
        labels.put("amd.com/compute-memory-partition", mode.label());
        labels.put("amd.com/compute-partitioning-supported", "true");
        labels.put("amd.com/memory-partitioning-supported", "true");
        putBoth(labels, "cu-count", Integer.toString(CU_COUNT), cards);
        putBoth(labels, "device-id", DEVICE_ID, cards);
        putBoth(labels, "driver-version", pool.driverVersion(), cards);
        putBoth(labels, "family", model.family(), cards);
        putBoth(labels, "product-name", model.gfdProduct(), cards);
        putBoth(labels, "simd-count", Integer.toString(SIMD_COUNT), cards);
        putBoth(labels, "vram", vram, cards);
    }

    // The labeller writes `amd.com/gpu.<kind>=<value>` and, for older selectors,
    // `beta.amd.com/gpu.<kind>=<value>` with `beta.amd.com/gpu.<kind>.<value>=<card count>`.
    private static void putBoth(Map<String, String> labels, String kind, String value, String cards) {
        labels.put("amd.com/gpu." + kind, value);
        labels.put("beta.amd.com/gpu." + kind, value);
        labels.put("beta.amd.com/gpu." + kind + "." + value, cards);
    }

    /// `amd.com/gpu`: one per compute partition; for allocatable the device plugin leaves out
    /// every partition of a card its health check fails (uncorrectable ECC).
    static Map<String, Integer> gpuResources(Fleet fleet, int node, boolean healthyOnly) {
        AmdPartitionMode mode = Objects.requireNonNull(fleet.amdPartitionMode(node), "an AMD node");
        int cards = 0;
        for (int g = 0; g < fleet.gpusPerNode(); g++) {
            GpuFault fault = fleet.fault(node, g);
            cards += healthyOnly && fault != null && fault.uncorrectableEcc() ? 0 : 1;
        }
        return Map.of("amd.com/gpu", cards * mode.partitions());
    }
}
