package dev.gpufleet.sim.fleet;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// The planned fleet in compact form: node pools, per-GPU MIG layouts, which pod holds which
/// GPU or MIG slice, workloads and faults. Everything else (API objects, telemetry) is derived
/// from this on demand, so a 12,500-node fleet costs a few megabytes.
///
/// Immutable once [FleetPlanner] has built it.
public final class Fleet {

    /// Returned by the slot lookups for a GPU or MIG slice no pod holds.
    public static final int NO_POD = -1;

    private final long seed;
    private final int gpusPerNode;
    private final List<NodePool> pools;
    private final int[] poolStart;
    private final byte[] nodePool;
    private final byte[] gpuLayout;
    private final int[] slotPod;
    private final List<Workload> workloads;
    private final PodPlacements pods;
    private final Map<Integer, GpuFault> faults;
    private final BitSet cordoned;
    private final String[] nodeNames;
    private final boolean packs;

    Fleet(long seed, int gpusPerNode, List<NodePool> pools, int[] poolStart, byte[] nodePool,
            byte[] gpuLayout, int[] slotPod, List<Workload> workloads, PodPlacements pods,
            Map<Integer, GpuFault> faults, BitSet cordoned) {
        this(seed, gpusPerNode, pools, poolStart, nodePool, gpuLayout, slotPod, workloads, pods, faults, cordoned,
                false);
    }

    Fleet(long seed, int gpusPerNode, List<NodePool> pools, int[] poolStart, byte[] nodePool,
            byte[] gpuLayout, int[] slotPod, List<Workload> workloads, PodPlacements pods,
            Map<Integer, GpuFault> faults, BitSet cordoned, boolean packs) {
        this.packs = packs;
        this.seed = seed;
        this.gpusPerNode = gpusPerNode;
        this.pools = List.copyOf(pools);
        this.poolStart = poolStart;
        this.nodePool = nodePool;
        this.gpuLayout = gpuLayout;
        this.slotPod = slotPod;
        this.workloads = List.copyOf(workloads);
        this.pods = pods;
        this.faults = Map.copyOf(faults);
        this.cordoned = cordoned;
        this.nodeNames = new String[nodePool.length];
        for (int node = 0; node < nodeNames.length; node++) {
            nodeNames[node] = String.format(Locale.ROOT, "gpu-%s-%03d", pool(node).name(), numberInPool(node));
        }
    }

    /// Whether the simulated scheduler packs (kube-scheduler's `MostAllocated` scoring for the
    /// GPU resources: the fullest node that fits) instead of spreading to the least loaded node,
    /// and also schedules the fleet's initial Pending pods. The fragmented scenario packs.
    public boolean schedulerPacks() {
        return packs;
    }

    public long seed() {
        return seed;
    }

    public int nodeCount() {
        return nodePool.length;
    }

    public int gpusPerNode() {
        return gpusPerNode;
    }

    public int gpuCount() {
        return nodePool.length * gpusPerNode;
    }

    public List<NodePool> pools() {
        return pools;
    }

    public NodePool pool(int node) {
        return pools.get(nodePool[node]);
    }

    /// The node's number within its pool, starting at 1, as in its name.
    public int numberInPool(int node) {
        return node - poolStart[nodePool[node]] + 1;
    }

    /// The node's name, e.g. `gpu-h100-a-017`.
    public String nodeName(int node) {
        return nodeNames[node];
    }

    /// The index of the node with this name, or -1; parses the name instead of keeping a map.
    public int nodeIndex(String name) {
        if (!name.startsWith("gpu-")) {
            return -1;
        }
        int dash = name.lastIndexOf('-');
        if (dash <= 4) {
            return -1;
        }
        String poolName = name.substring(4, dash);
        for (int p = 0; p < pools.size(); p++) {
            if (pools.get(p).name().equals(poolName)) {
                int number = parseNumber(name.substring(dash + 1));
                int node = poolStart[p] + number - 1;
                return number >= 1 && node < poolStart[p + 1] && nodeName(node).equals(name) ? node : -1;
            }
        }
        return -1;
    }

    private static int parseNumber(String digits) {
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(digits);
    }

    /// Seconds between the node joining the cluster and the start of the simulation.
    public long nodeAgeSeconds(int node) {
        long h = Hash.of(seed, Hash.salt("node-age"), node);
        return 86_400L * (25 + Hash.below(h, 170)) + Hash.below(h >>> 20, 86_400);
    }

    /// How the node's AMD cards are partitioned, or null for an NVIDIA node.
    public @Nullable AmdPartitionMode amdPartitionMode(int node) {
        if (!pool(node).model().amd()) {
            return null;
        }
        int p = nodePool[node];
        return AmdPartitionMode.forNode(numberInPool(node), poolStart[p + 1] - poolStart[p]);
    }

    /// Whether the node's GPUs are AMD's.
    public boolean amdNode(int node) {
        return pool(node).model().amd();
    }

    /// The MIG layout of a GPU, or null when MIG is off on it.
    public @Nullable MigLayout migLayout(int node, int gpu) {
        int layout = gpuLayout[node * gpusPerNode + gpu];
        return layout == 0 ? null : MigLayout.values()[layout - 1];
    }

    /// The pod holding a whole GPU (`instance` -1), one MIG instance or one AMD compute
    /// partition of it, or [#NO_POD].
    public int podOnSlot(int node, int gpu, int instance) {
        int slot = (node * gpusPerNode + gpu) * MigLayout.MAX_INSTANCES + Math.max(instance, 0);
        return slotPod[slot];
    }

    public List<Workload> workloads() {
        return workloads;
    }

    public Workload workload(int id) {
        return workloads.get(id);
    }

    public PodPlacements pods() {
        return pods;
    }

    /// The fault of a GPU, or null for a healthy one.
    public @Nullable GpuFault fault(int node, int gpu) {
        return faults.get(node * gpusPerNode + gpu);
    }

    /// Faults by global GPU index (`node * gpusPerNode + gpu`).
    public Map<Integer, GpuFault> faults() {
        return faults;
    }

    /// Whether an operator had cordoned the node before the simulation started.
    public boolean initiallyCordoned(int node) {
        return cordoned.get(node);
    }

    /// The UUID of a GPU as NVML reports it.
    public String gpuUuid(int node, int gpu) {
        return Names.gpuUuid(seed, (long) node * gpusPerNode + gpu);
    }

    /// The node's InternalIP.
    public String nodeIp(int node) {
        int n = node + 10;
        return "10.16." + (n >> 8) + "." + (n & 0xFF);
    }

    /// The node's pod CIDR (a /24 per node).
    public String podCidr(int node) {
        return podSubnet(node) + ".0/24";
    }

    /// The IP of the pod at `slot` on a node.
    public String podIp(int node, int slot) {
        return podSubnet(node) + "." + (2 + slot % 250);
    }

    private static String podSubnet(int node) {
        return "10." + (64 + (node >> 8)) + "." + (node & 0xFF);
    }
}
