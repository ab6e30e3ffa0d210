package dev.gpufleet.sim.fleet;

import java.util.List;

/// A group of identical GPU nodes, as a cloud node group or a rack of one SKU.
///
/// @param name          short pool name; part of node names and the `gpufleet.dev/pool` label
/// @param model         the GPU in every node
/// @param instanceType  the `node.kubernetes.io/instance-type` label
/// @param migStrategy   how the device plugin advertises MIG on this pool
/// @param share         fraction of the fleet's nodes in this pool
/// @param role          what the pool mostly runs
/// @param cpuCores      CPU cores per node
/// @param memoryGiB     memory per node
/// @param driverVersion the GPU driver version installed on the pool (NVIDIA's, or amdgpu's)
public record NodePool(String name, GpuModel model, String instanceType, MigStrategy migStrategy,
        double share, PoolRole role, int cpuCores, int memoryGiB, String driverVersion) {

    /// The pools of the default fleet: H100 (plain and MIG-mixed), A100 (plain and MIG-single),
    /// L40S for inference, and H200.
    public static List<NodePool> defaults() {
        return List.of(
                new NodePool("h100-a", GpuModel.H100, "p5.48xlarge", MigStrategy.NONE, 0.30,
                        PoolRole.TRAINING, 192, 2048, "550.127.05"),
                new NodePool("h100-b", GpuModel.H100, "p5.48xlarge", MigStrategy.MIXED, 0.10,
                        PoolRole.GENERAL, 192, 2048, "550.127.05"),
                new NodePool("a100-a", GpuModel.A100, "p4de.24xlarge", MigStrategy.NONE, 0.20,
                        PoolRole.GENERAL, 96, 1152, "535.216.01"),
                new NodePool("a100-b", GpuModel.A100, "p4de.24xlarge", MigStrategy.SINGLE, 0.05,
                        PoolRole.INFERENCE, 96, 1152, "535.216.01"),
                new NodePool("l40s-a", GpuModel.L40S, "g6e.48xlarge", MigStrategy.NONE, 0.25,
                        PoolRole.INFERENCE, 192, 1536, "550.127.05"),
                new NodePool("h200-a", GpuModel.H200, "p5e.48xlarge", MigStrategy.NONE, 0.10,
                        PoolRole.TRAINING, 192, 2048, "560.35.03"));
    }

    /// The AMD pool, sized by count rather than share: MI300X bare-metal nodes of 8 cards with
    /// the amdgpu driver of ROCm 6.4, mostly training.
    public static NodePool amd() {
        return new NodePool("mi300x-a", GpuModel.MI300X, "BM.GPU.MI300X.8", MigStrategy.NONE, 0.0,
                PoolRole.TRAINING, 112, 2048, "6.12.12");
    }

    /// CUDA version the driver supports, as GFD's `nvidia.com/cuda.runtime.*` labels say.
    public String cudaVersion() {
        return switch (driverVersion.substring(0, 3)) {
            case "535" -> "12.2";
            case "550" -> "12.4";
            case "560" -> "12.6";
            default -> "12.8";
        };
    }
}
