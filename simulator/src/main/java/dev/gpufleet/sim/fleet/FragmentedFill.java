package dev.gpufleet.sim.fleet;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/// Fills the nodes of the fragmented scenario ([FleetPlanner#planFragmented]): from GPU 0 up,
/// 1- and 2-GPU pods (three in five Deployment replicas, the rest single-pod Jobs) until 2 to 4
/// GPUs are left free, so the free GPUs are many but scattered.
final class FragmentedFill {

    /// One pool of H100 nodes without MIG, training first.
    static final NodePool POOL = new NodePool("h100-a", GpuModel.H100, "p5.48xlarge", MigStrategy.NONE, 1.0,
            PoolRole.TRAINING, 192, 2048, "550.127.05");

    private final FleetPlanner planner;
    private final SplittableRandom rnd;
    private final WorkloadNamer namer;
    private final int gpus;

    FragmentedFill(FleetPlanner planner, SplittableRandom rnd, WorkloadNamer namer, int gpus) {
        this.planner = planner;
        this.rnd = rnd;
        this.namer = namer;
        this.gpus = gpus;
    }

    void fill(int node) {
        int free = Math.min(gpus - 1, 2 + rnd.nextInt(3));
        int g = 0;
        while (g < gpus - free) {
            int want = rnd.nextDouble() < 0.35 && g + 2 <= gpus - free ? 2 : 1;
            if (rnd.nextDouble() < 0.6) {
                planner.placeReplica(POOL.name() + "/" + want, () -> namer.inference(POOL.model(), want), node, g,
                        want, PodPlacements.WHOLE_GPU);
            } else {
                planner.placeOnGpus(planner.addWorkload(namer.trainingJob(1, want)), 0, node, g, want);
            }
            g += want;
        }
    }

    /// Two degraded nodes, picked by the seed: one GPU with an uncorrectable ECC error (XID 48),
    /// one with a graphics exception (XID 13).
    Map<Integer, GpuFault> faults(int nodes) {
        Map<Integer, GpuFault> faults = new HashMap<>();
        int first = rnd.nextInt(nodes);
        int second = nodes < 2 ? first : (first + 1 + rnd.nextInt(nodes - 1)) % nodes;
        faults.put(first * gpus + rnd.nextInt(gpus), GpuFault.DOUBLE_BIT_ECC);
        faults.put(second * gpus + rnd.nextInt(gpus), GpuFault.GRAPHICS_EXCEPTION);
        return faults;
    }
}
