package dev.gpufleet.sim.fleet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/// Builds a [Fleet] from a size and a seed: splits nodes into pools, partitions MIG GPUs,
/// packs training jobs, inference replicas and notebooks onto GPUs, leaves some idle and some
/// pods pending, adds the per-node DaemonSets and picks a few faulty GPUs.
///
/// One linear pass over the nodes driven by one seeded generator: the same inputs always give
/// the same fleet, and 12,500 nodes take well under a second.
public final class FleetPlanner {

    private final long seed;
    private final int nodes;
    private final int nvidiaNodes;
    private final int gpus;
    private final SplittableRandom rnd;
    private final List<NodePool> pools;
    private final int[] poolStart;
    private final byte[] nodePool;
    private final byte[] gpuLayout;
    private final int[] slotPod;
    private final short[] podsOnNode;
    private final List<Workload> workloads = new ArrayList<>();
    private final PodPlacements pods = new PodPlacements();
    private final Map<String, OpenDeployment> openDeployments = new LinkedHashMap<>();
    private final WorkloadNamer namer;
    private int podTarget;

    private FleetPlanner(int nvidiaNodes, int amdNodes, int gpusPerNode, long seed) {
        this(nvidiaNodes, amdNodes, gpusPerNode, seed, NodePool.defaults());
    }

    private FleetPlanner(int nvidiaNodes, int amdNodes, int gpusPerNode, long seed, List<NodePool> nvidiaPools) {
        this.seed = seed;
        this.nodes = nvidiaNodes + amdNodes;
        this.nvidiaNodes = nvidiaNodes;
        this.gpus = gpusPerNode;
        this.rnd = new SplittableRandom(seed);
        List<NodePool> all = new ArrayList<>(nvidiaPools);
        if (amdNodes > 0) {
            all.add(NodePool.amd());
        }
        this.pools = List.copyOf(all);
        this.poolStart = new int[pools.size() + 1];
        this.nodePool = new byte[nodes];
        this.gpuLayout = new byte[nodes * gpusPerNode];
        this.slotPod = new int[nodes * gpusPerNode * MigLayout.MAX_INSTANCES];
        this.podsOnNode = new short[nodes];
        this.namer = new WorkloadNamer(rnd);
        Arrays.fill(slotPod, Fleet.NO_POD);
    }

    /// Plans a fleet of `nodes` NVIDIA nodes with `gpusPerNode` GPUs each.
    public static Fleet plan(int nodes, int gpusPerNode, long seed) {
        return plan(nodes, 0, gpusPerNode, seed);
    }

    /// Plans `nvidiaNodes` NVIDIA nodes, then `amdNodes` MI300X nodes, `gpusPerNode` GPUs each.
    /// The NVIDIA part is the same fleet whatever `amdNodes` is, up to its faults' positions.
    public static Fleet plan(int nvidiaNodes, int amdNodes, int gpusPerNode, long seed) {
        return new FleetPlanner(nvidiaNodes, amdNodes, gpusPerNode, seed).build();
    }

    /// As [#plan(int, int, int, long)], then CPU-only agent DaemonSets ([NodeAgents]) until the
    /// fleet has `pods` pods; the GPU workloads are the same as without them.
    ///
    /// @throws IllegalArgumentException when `pods` needs more agents per node than there are
    public static Fleet plan(int nvidiaNodes, int amdNodes, int gpusPerNode, long seed, int pods) {
        FleetPlanner planner = new FleetPlanner(nvidiaNodes, amdNodes, gpusPerNode, seed);
        planner.podTarget = pods;
        return planner.build();
    }

    /// The fragmented reference scenario: `nodes` H100 nodes (no MIG) each holding 1- and
    /// 2-GPU Deployment replicas and Jobs with 2 to 4 GPUs left free, so no node has room for
    /// the two Pending Jobs of 8-GPU pods; two nodes with a degraded GPU (an uncorrectable ECC
    /// error, XID 48, and a graphics exception, XID 13); PodDisruptionBudgets on the Deployments
    /// of 3 or more replicas. Its scheduler packs ([Fleet#schedulerPacks()]).
    public static Fleet planFragmented(int nodes, int gpusPerNode, long seed) {
        return new FleetPlanner(nodes, 0, gpusPerNode, seed, List.of(FragmentedFill.POOL)).buildFragmented();
    }

    private Fleet buildFragmented() {
        assignPools();
        assignMigLayouts();
        addDaemonSets();
        addSystemDeployments();
        FragmentedFill fill = new FragmentedFill(this, rnd, namer, gpus);
        for (int node = 0; node < nodes; node++) {
            fill.fill(node);
        }
        leaveOpenReplicasPending();
        for (int i = 0; i < 2; i++) {
            addPendingTraining();
        }
        NodeAgents.fill(this, nodes, podTarget);
        pods.trim();
        return new Fleet(seed, gpus, pools, poolStart, nodePool, gpuLayout, slotPod, workloads, pods,
                fill.faults(nodes), new BitSet(nodes), true);
    }

    private Fleet build() {
        assignPools();
        assignMigLayouts();
        int kubeProxy = addDaemonSets();
        addSystemDeployments();
        for (int p = 0; p < pools.size(); p++) {
            if (!pools.get(p).model().amd()) {
                placePool(p);
            }
        }
        leaveOpenReplicasPending();
        addPendingTraining();
        Map<Integer, GpuFault> faults = pickFaults();
        // The AMD pool comes last, so the NVIDIA fleet is the same whether it is there or not.
        for (int p = 0; p < pools.size(); p++) {
            if (pools.get(p).model().amd()) {
                AmdPoolPlanner amd = new AmdPoolPlanner(this, rnd, namer, gpus);
                amd.addDaemonSets(poolStart[p], poolStart[p + 1], kubeProxy);
                amd.place(poolStart[p], poolStart[p + 1]);
                leaveOpenReplicasPending();
                faults.put(poolStart[p] * gpus + Hash.below(Hash.of(seed, Hash.salt("amd-fault")), gpus),
                        GpuFault.AMD_UNCORRECTABLE_ECC);
            }
        }
        NodeAgents.fill(this, nodes, podTarget);
        pods.trim();
        BitSet cordoned = new BitSet(nodes);
        faults.forEach((gpu, fault) -> {
            if (fault == GpuFault.FALLEN_OFF_BUS) {
                cordoned.set(gpu / gpus);
            }
        });
        return new Fleet(seed, gpus, pools, poolStart, nodePool, gpuLayout, slotPod, workloads, pods,
                faults, cordoned);
    }

    // Largest-remainder split of the nodes by pool share; pools keep their order.
    private void assignPools() {
        int[] sizes = new int[pools.size()];
        double[] remainders = new double[pools.size()];
        int assigned = 0;
        for (int p = 0; p < pools.size(); p++) {
            if (pools.get(p).model().amd()) {
                sizes[p] = nodes - nvidiaNodes;
                remainders[p] = -1;
                continue;
            }
            double exact = nvidiaNodes * pools.get(p).share();
            sizes[p] = (int) Math.floor(exact);
            remainders[p] = exact - sizes[p];
            assigned += sizes[p];
        }
        while (assigned < nvidiaNodes) {
            int best = 0;
            for (int p = 1; p < pools.size(); p++) {
                if (remainders[p] > remainders[best]) {
                    best = p;
                }
            }
            sizes[best]++;
            remainders[best] = -1;
            assigned++;
        }
        for (int p = 0; p < pools.size(); p++) {
            poolStart[p + 1] = poolStart[p] + sizes[p];
            Arrays.fill(nodePool, poolStart[p], poolStart[p + 1], (byte) p);
        }
    }

    private void assignMigLayouts() {
        for (int node = 0; node < nodes; node++) {
            NodePool pool = pools.get(nodePool[node]);
            List<MigLayout> allowed = Arrays.stream(MigLayout.values())
                    .filter(l -> pool.model().migProfiles().containsAll(l.profiles())).toList();
            for (int g = 0; g < gpus; g++) {
                MigLayout layout = switch (pool.migStrategy()) {
                    case NONE -> null;
                    case SINGLE -> MigLayout.ALL_1G;
                    case MIXED -> g < Math.max(1, gpus / 2) ? allowed.get(rnd.nextInt(allowed.size())) : null;
                };
                gpuLayout[node * gpus + g] = (byte) (layout == null ? 0 : layout.ordinal() + 1);
            }
        }
    }

    // One pod of each per NVIDIA node, as the GPU Operator runs them, and kube-proxy's; the AMD
    // nodes' come with their pool. Returns kube-proxy's workload id.
    private int addDaemonSets() {
        int exporter = addWorkload(new Workload(0, WorkloadKind.DAEMON, "gpu-operator", "nvidia-dcgm-exporter",
                nvidiaNodes, 0, null, false, 86_400L * 41,
                "nvcr.io/nvidia/k8s/dcgm-exporter:3.3.9-3.6.1-ubuntu22.04", "nvidia-dcgm-exporter"));
        int plugin = addWorkload(new Workload(0, WorkloadKind.DAEMON, "gpu-operator",
                "nvidia-device-plugin-daemonset", nvidiaNodes, 0, null, false, 86_400L * 41,
                "nvcr.io/nvidia/k8s-device-plugin:v0.16.2-ubi8", "nvidia-device-plugin"));
        int gfd = addWorkload(new Workload(0, WorkloadKind.DAEMON, "gpu-operator", "gpu-feature-discovery",
                nvidiaNodes, 0, null, false, 86_400L * 41, "nvcr.io/nvidia/k8s-device-plugin:v0.16.2-ubi8",
                "gpu-feature-discovery"));
        int proxy = addWorkload(new Workload(0, WorkloadKind.DAEMON, "kube-system", "kube-proxy", nodes, 0,
                null, false, 86_400L * 230, "registry.k8s.io/kube-proxy:v1.31.4", "kube-proxy"));
        for (int node = 0; node < nvidiaNodes; node++) {
            for (int ds : new int[] {exporter, plugin, gfd, proxy}) {
                addPod(ds, node, node, 0, 0, PodPlacements.WHOLE_GPU);
            }
        }
        return proxy;
    }

    private void addSystemDeployments() {
        int coredns = addWorkload(new Workload(0, WorkloadKind.SYSTEM, "kube-system", "coredns", 2, 0, null,
                false, 86_400L * 230, "registry.k8s.io/coredns/coredns:v1.11.3", "coredns"));
        int operator = addWorkload(new Workload(0, WorkloadKind.SYSTEM, "gpu-operator", "gpu-operator", 1, 0,
                null, false, 86_400L * 41, "nvcr.io/nvidia/gpu-operator:v24.9.0", "gpu-operator"));
        addPod(coredns, 0, 0, 0, 0, PodPlacements.WHOLE_GPU);
        addPod(coredns, 1, Math.min(1, nodes - 1), 0, 0, PodPlacements.WHOLE_GPU);
        addPod(operator, 0, 0, 0, 0, PodPlacements.WHOLE_GPU);
    }

    private void placePool(int p) {
        NodePool pool = pools.get(p);
        int node = poolStart[p];
        while (node < poolStart[p + 1]) {
            double wholeNodeChance = switch (pool.role()) {
                case TRAINING -> 0.7;
                case GENERAL -> 0.3;
                case INFERENCE -> 0.0;
            };
            if (!hasMig(node) && rnd.nextDouble() < wholeNodeChance) {
                node += placeMultiNodeJob(node, poolStart[p + 1]);
            } else {
                fillNode(node, pool);
                node++;
            }
        }
    }

    private int placeMultiNodeJob(int first, int poolEnd) {
        int span = 0;
        while (span < 4 && first + span < poolEnd && !hasMig(first + span)) {
            span++;
        }
        int[] sizes = {1, 1, 2, 2, 4};
        int k = sizes[rnd.nextInt(sizes.length)];
        while (k > span) {
            k /= 2;
        }
        int job = addWorkload(namer.trainingJob(k, gpus));
        for (int j = 0; j < k; j++) {
            int pod = addPod(job, j, first + j, 0, gpus, PodPlacements.WHOLE_GPU);
            for (int g = 0; g < gpus; g++) {
                slotPod[slot(first + j, g, 0)] = pod;
            }
        }
        return k;
    }

    private void fillNode(int node, NodePool pool) {
        for (int g = 0; g < gpus; g++) {
            if (slotPod[slot(node, g, 0)] != Fleet.NO_POD) {
                continue;
            }
            MigLayout layout = migLayout(node, g);
            if (layout != null) {
                fillMig(node, g, layout, pool);
                continue;
            }
            double r = rnd.nextDouble();
            double[] mix = switch (pool.role()) {
                case TRAINING -> new double[] {0.50, 0.65, 0.80};
                case GENERAL -> new double[] {0.25, 0.60, 0.80};
                case INFERENCE -> new double[] {0.00, 0.60, 0.80};
            };
            if (r < mix[0] && g % 4 == 0 && wholeGpusFree(node, g, 4)) {
                placeOnGpus(addWorkload(namer.trainingJob(1, 4)), 0, node, g, 4);
            } else if (r < mix[1]) {
                int want = rnd.nextDouble() < 0.3 && wholeGpusFree(node, g, 2) ? 2 : 1;
                placeReplica(pool.name() + "/" + want, () -> namer.inference(pool.model(), want), node, g,
                        want, PodPlacements.WHOLE_GPU);
            } else if (r < mix[2]) {
                placeOnGpus(addWorkload(namer.notebook()), 0, node, g, 1);
            }
        }
    }

    private void fillMig(int node, int g, MigLayout layout, NodePool pool) {
        boolean single = pool.migStrategy() == MigStrategy.SINGLE;
        for (int i = 0; i < layout.instances(); i++) {
            if (rnd.nextDouble() < 0.3) {
                continue;
            }
            MigProfile profile = layout.profile(i);
            placeReplica("mig/" + profile.profileName() + "/" + single,
                    () -> namer.migInference(profile, single), node, g, 1, i);
        }
    }

    // Adds a replica of the open deployment for `key`, opening a new one when none is open.
    void placeReplica(String key, Supplier<Workload> opener, int node, int g,
            int count, int instance) {
        OpenDeployment open = openDeployments.computeIfAbsent(key, k -> new OpenDeployment(addWorkload(opener.get())));
        int pod = addPod(open.workload, open.placed++, node, g, count, instance);
        for (int i = 0; i < count; i++) {
            slotPod[slot(node, g + i, Math.max(instance, 0))] = pod;
        }
        if (open.placed == workloads.get(open.workload).replicas()) {
            openDeployments.remove(key);
        }
    }

    void placeOnGpus(int workload, int ordinal, int node, int g, int count) {
        int pod = addPod(workload, ordinal, node, g, count, PodPlacements.WHOLE_GPU);
        for (int i = 0; i < count; i++) {
            slotPod[slot(node, g + i, 0)] = pod;
        }
    }

    // Deployments still open at the end found no more room: most are trimmed to what fits, every
    // third keeps one replica Pending, as after a scale-up the cluster could not absorb.
    private void leaveOpenReplicasPending() {
        int n = 0;
        for (OpenDeployment open : openDeployments.values()) {
            Workload w = workloads.get(open.workload);
            int pending = open.placed == 0 || n++ % 3 == 0 ? 1 : 0;
            workloads.set(w.id(), w.with(w.id(), open.placed + pending));
            for (int r = open.placed; r < open.placed + pending; r++) {
                pods.add(w.id(), r, PodPlacements.PENDING, 0, w.gpusPerPod(), PodPlacements.WHOLE_GPU, 0);
            }
        }
        openDeployments.clear();
    }

    private void addPendingTraining() {
        int jobs = Math.max(1, nvidiaNodes / 64);
        for (int i = 0; i < jobs; i++) {
            Workload job = namer.pendingTrainingJob(gpus);
            int id = addWorkload(job);
            for (int r = 0; r < job.replicas(); r++) {
                pods.add(id, r, PodPlacements.PENDING, 0, gpus, PodPlacements.WHOLE_GPU, 0);
            }
        }
    }

    // Faults of NVIDIA GPUs by the cycle below (on AMD nodes, one card of the first fails its HBM).
    private Map<Integer, GpuFault> pickFaults() {
        int total = nvidiaNodes * gpus;
        int count = Math.min(Math.max(1, total / 4), Math.max(5, total / 100));
        GpuFault[] cycle = {GpuFault.FALLEN_OFF_BUS, GpuFault.DOUBLE_BIT_ECC, GpuFault.THERMAL,
            GpuFault.GRAPHICS_EXCEPTION, GpuFault.CONTAINED_ECC, GpuFault.THERMAL};
        Map<Integer, GpuFault> faults = new HashMap<>();
        while (faults.size() < count) {
            faults.putIfAbsent(rnd.nextInt(total), cycle[faults.size() % cycle.length]);
        }
        return faults;
    }

    int addWorkload(Workload w) {
        int id = workloads.size();
        workloads.add(w.with(id, w.replicas()));
        return id;
    }

    int podCount() {
        return pods.size();
    }

    int addPod(int workload, int ordinal, int node, int g, int count, int instance) {
        return pods.add(workload, ordinal, node, g, count, instance, podsOnNode[node]++);
    }

    boolean wholeGpusFree(int node, int g, int count) {
        if (g + count > gpus) {
            return false;
        }
        for (int i = g; i < g + count; i++) {
            if (migLayout(node, i) != null || slotPod[slot(node, i, 0)] != Fleet.NO_POD) {
                return false;
            }
        }
        return true;
    }

    /// Records that `pod` holds slot `instance` of GPU `g` of `node`.
    void holdSlot(int node, int g, int instance, int pod) {
        slotPod[slot(node, g, instance)] = pod;
    }

    private boolean hasMig(int node) {
        for (int g = 0; g < gpus; g++) {
            if (gpuLayout[node * gpus + g] != 0) {
                return true;
            }
        }
        return false;
    }

    private @Nullable MigLayout migLayout(int node, int g) {
        int layout = gpuLayout[node * gpus + g];
        return layout == 0 ? null : MigLayout.values()[layout - 1];
    }

    private int slot(int node, int g, int instance) {
        return (node * gpus + g) * MigLayout.MAX_INSTANCES + instance;
    }

    private static final class OpenDeployment {
        final int workload;
        int placed;

        OpenDeployment(int workload) {
            this.workload = workload;
        }
    }
}
