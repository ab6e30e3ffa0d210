package dev.gpufleet.sim.fleet;

import java.util.SplittableRandom;

/// Fills the MI300X pool for [FleetPlanner]: the AMD GPU Operator's DaemonSets, multi-node
/// ROCm training on SPX nodes, vLLM replicas and notebooks on whole cards, and on partitioned
/// nodes (DPX, QPX, CPX) one serving replica or notebook per compute partition.
final class AmdPoolPlanner {

    /// Namespace of the AMD GPU Operator and its DaemonSets (`kube-amd-gpu` by default).
    static final String NAMESPACE = "kube-amd-gpu";
    /// The metrics exporter DaemonSet: `<DeviceConfig name>-metrics-exporter`.
    static final String EXPORTER = "gpu-operator-metrics-exporter";

    private final FleetPlanner planner;
    private final SplittableRandom rnd;
    private final WorkloadNamer namer;
    private final int gpus;

    AmdPoolPlanner(FleetPlanner planner, SplittableRandom rnd, WorkloadNamer namer, int gpus) {
        this.planner = planner;
        this.rnd = rnd;
        this.namer = namer;
        this.gpus = gpus;
    }

    /// The operator's per-node DaemonSets, as its DeviceConfig `gpu-operator` names them
    /// (metrics exporter, device plugin, node labeller), and their pods and kube-proxy's
    /// (workload `kubeProxy`) on the pool's nodes `first` to `end` (exclusive).
    void addDaemonSets(int first, int end, int kubeProxy) {
        long age = 86_400L * 33;
        int count = end - first;
        int exporter = planner.addWorkload(new Workload(0, WorkloadKind.DAEMON, NAMESPACE, EXPORTER, count, 0,
                null, false, age, "docker.io/rocm/device-metrics-exporter:v1.4.0", "metrics-exporter-container"));
        int plugin = planner.addWorkload(new Workload(0, WorkloadKind.DAEMON, NAMESPACE, "gpu-operator-device-plugin",
                count, 0, null, false, age, "rocm/k8s-device-plugin:1.31.0.7", "device-plugin-container"));
        int labeller = planner.addWorkload(new Workload(0, WorkloadKind.DAEMON, NAMESPACE,
                "gpu-operator-node-labeller", count, 0, null, false, age,
                "rocm/k8s-device-plugin:labeller-1.31.0.7", "node-labeller-container"));
        for (int node = first; node < end; node++) {
            for (int ds : new int[] {exporter, plugin, labeller}) {
                planner.addPod(ds, node - first, node, 0, 0, PodPlacements.WHOLE_GPU);
            }
            planner.addPod(kubeProxy, node, node, 0, 0, PodPlacements.WHOLE_GPU);
        }
    }

    /// Places workloads on the pool's nodes `first` (inclusive) to `end` (exclusive).
    void place(int first, int end) {
        int poolSize = end - first;
        int node = first;
        while (node < end) {
            AmdPartitionMode mode = AmdPartitionMode.forNode(node - first + 1, poolSize);
            if (mode.partitioned()) {
                fillPartitions(node, mode);
                node++;
            } else if (node == first || rnd.nextDouble() < 0.5) {
                // The pool's first node always runs distributed training, the rest by chance.
                node += placeMultiNodeJob(node, first, end);
            } else {
                fillCards(node);
                node++;
            }
        }
    }

    // A job over up to 2 consecutive SPX nodes, each pod holding a whole node.
    private int placeMultiNodeJob(int node, int first, int end) {
        int span = 1;
        if (node + 1 < end && !AmdPartitionMode.forNode(node + 1 - first + 1, end - first).partitioned()
                && rnd.nextBoolean()) {
            span = 2;
        }
        int job = planner.addWorkload(namer.amdTrainingJob(span, gpus));
        for (int j = 0; j < span; j++) {
            planner.placeOnGpus(job, j, node + j, 0, gpus);
        }
        return span;
    }

    private void fillCards(int node) {
        for (int g = 0; g < gpus; g++) {
            if (!planner.wholeGpusFree(node, g, 1)) {
                continue;
            }
            double r = rnd.nextDouble();
            if (r < 0.3 && g % 4 == 0 && planner.wholeGpusFree(node, g, 4)) {
                planner.placeOnGpus(planner.addWorkload(namer.amdTrainingJob(1, 4)), 0, node, g, 4);
            } else if (r < 0.7) {
                int want = rnd.nextDouble() < 0.3 && planner.wholeGpusFree(node, g, 2) ? 2 : 1;
                planner.placeReplica("amd/" + want, () -> namer.amdInference(want, null), node, g, want,
                        PodPlacements.WHOLE_GPU);
            } else if (r < 0.85) {
                planner.placeOnGpus(planner.addWorkload(namer.amdNotebook()), 0, node, g, 1);
            }
        }
    }

    // One pod per partition: serving replicas, a few notebooks, some partitions left free.
    private void fillPartitions(int node, AmdPartitionMode mode) {
        for (int g = 0; g < gpus; g++) {
            for (int p = 0; p < mode.partitions(); p++) {
                double r = rnd.nextDouble();
                if (r < 0.25) {
                    continue;
                }
                if (r < 0.35) {
                    int pod = planner.addPod(planner.addWorkload(namer.amdNotebook()), 0, node, g, 1, p);
                    planner.holdSlot(node, g, p, pod);
                } else {
                    planner.placeReplica("amd-" + mode.computeType(), () -> namer.amdInference(1, mode.computeType()),
                            node, g, 1, p);
                }
            }
        }
    }
}
