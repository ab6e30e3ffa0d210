package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/// Builds a [HeatmapTopology] and the [FrameColumns] of a [HeatmapFrame] with one read of each
/// GPU record, in four steps over primitive arrays:
///
/// 1. list the snapshot's nodes and give each a fixed slot range for its GPUs;
/// 2. per node, independently (so in parallel for big fleets, in chunks on the common pool):
///    filter it and its GPUs, read the kept GPUs' values into its slots, note its group label
///    value and its sort key;
/// 3. number the groups and give every kept node one `long` key (cluster, group rank, sort key,
///    snapshot position), then sort those keys;
/// 4. lay nodes and columns out in that order (skipped for the columns when nothing moved).
///
/// Reading 100,000 GPU records is memory-bound pointer chasing; the parallel step spreads it
/// over the cores the FX thread would otherwise leave idle. No object per GPU, one `long` per node.
final class TopologyBuilder {

    /// Fleets with at least this many GPUs are read in parallel.
    static final int PARALLEL_GPUS = 16_384;
    private static final int CHUNK_NODES = 256;
    private static final int MAX_CLUSTERS = 1 << 9;
    private static final int MAX_GROUPS = 1 << 14;
    private static final int MAX_NODES = 1 << 24;
    /// Sentinel title of the group of nodes without the label; sorts after every real value.
    private static final String NO_VALUE = "\uFFFF";

    private final HeatmapArrangement arrangement;
    private final @Nullable String groupLabel;
    private final HeatmapFilter filter;
    private final List<ClusterSnapshot> clusters;
    private final HeatmapMetric metric;

    private NodeSnapshot[] flatNodes = new NodeSnapshot[0];
    private int[] flatCluster = new int[0];
    private int[] flatSource = new int[0];
    private int[] gpuStart = new int[1];
    private int[] keptGpus = new int[0];
    private int[] sortKeys = new int[0];
    private String[] groupValues = new String[0];
    private FrameColumns raw = new FrameColumns(0);
    private int[] positions = new int[0];
    private int[] keptFlat = new int[0];
    private int[] keptGroup = new int[0];
    private int kept;
    private final List<List<String>> clusterGroups = new ArrayList<>();
    private @Nullable FrameColumns arranged;
    private NodeSnapshot[] arrangedNodes = new NodeSnapshot[0];
    private boolean[] arrangedCordoned = new boolean[0];

    TopologyBuilder(FleetSnapshot snapshot, HeatmapArrangement arrangement, HeatmapMetric metric) {
        this.metric = metric;
        this.arrangement = arrangement;
        this.groupLabel = arrangement.groupLabel();
        this.filter = arrangement.filter();
        this.clusters = snapshot.clusters();
    }

    HeatmapTopology build() {
        if (clusters.size() >= MAX_CLUSTERS) {
            throw new IllegalArgumentException("the heatmap shows at most " + (MAX_CLUSTERS - 1) + " clusters");
        }
        listNodes();
        int nodes = flatNodes.length;
        int chunks = (nodes + CHUNK_NODES - 1) / CHUNK_NODES;
        IntStream range = IntStream.range(0, chunks);
        (gpuStart[nodes] >= PARALLEL_GPUS ? range.parallel() : range).forEach(this::readChunk);
        numberGroups();
        int[][] ranks = groupRanks();
        long[] keys = new long[kept];
        for (int i = 0; i < kept; i++) {
            int flat = keptFlat[i];
            keys[i] = (long) flatCluster[flat] << 54 | (long) ranks[flatCluster[flat]][keptGroup[i]] << 40
                    | (long) sortKeys[flat] << 24 | i;
        }
        Arrays.sort(keys);
        return assemble(keys);
    }

    /// Step 1: every node of every cluster, with a slot range as large as its GPU list.
    private void listNodes() {
        int count = 0;
        for (ClusterSnapshot cluster : clusters) {
            count += cluster.nodes().size();
        }
        if (count >= MAX_NODES) {
            throw new IllegalArgumentException("the heatmap shows at most " + (MAX_NODES - 1) + " nodes");
        }
        flatNodes = new NodeSnapshot[count];
        flatCluster = new int[count];
        flatSource = new int[count];
        gpuStart = new int[count + 1];
        int n = 0;
        for (int c = 0; c < clusters.size(); c++) {
            List<NodeSnapshot> list = clusters.get(c).nodes();
            for (int k = 0; k < list.size(); k++) {
                NodeSnapshot node = list.get(k);
                flatNodes[n] = node;
                flatCluster[n] = c;
                flatSource[n] = k;
                gpuStart[n + 1] = gpuStart[n] + node.gpus().size();
                n++;
            }
        }
        keptGpus = new int[count];
        sortKeys = new int[count];
        groupValues = new String[count];
        raw = new FrameColumns(gpuStart[count]);
        positions = new int[gpuStart[count]];
    }

    /// Step 2 for nodes `[chunk * CHUNK_NODES, …)`: writes only those nodes' slots.
    private void readChunk(int chunk) {
        int end = Math.min(flatNodes.length, (chunk + 1) * CHUNK_NODES);
        boolean checkGpus = filter.hasGpuTerms();
        HeatmapSort sort = arrangement.sort();
        for (int n = chunk * CHUNK_NODES; n < end; n++) {
            NodeSnapshot node = flatNodes[n];
            if (node.gpus().isEmpty() || !filter.matchesNode(node)) {
                continue;
            }
            int slot = gpuStart[n];
            List<GpuSnapshot> gpus = node.gpus();
            for (int p = 0; p < gpus.size(); p++) {
                GpuSnapshot gpu = gpus.get(p);
                if (!checkGpus || filter.matchesGpu(gpu)) {
                    raw.read(slot, gpu, metric, sort);
                    positions[slot++] = p;
                }
            }
            int count = slot - gpuStart[n];
            keptGpus[n] = count;
            if (count > 0) {
                String value = groupLabel == null ? "" : node.node().labels().get(groupLabel);
                groupValues[n] = value == null ? NO_VALUE : value;
                sortKeys[n] = sort.key(raw, gpuStart[n], count);
            }
        }
    }

    /// Step 3a: the kept nodes in snapshot order, each with its group id within its cluster.
    private void numberGroups() {
        keptFlat = new int[flatNodes.length];
        keptGroup = new int[flatNodes.length];
        int cluster = -1;
        Map<String, Integer> ids = new HashMap<>();
        List<String> values = new ArrayList<>();
        for (int n = 0; n < flatNodes.length; n++) {
            while (cluster < flatCluster[n]) {
                cluster++;
                ids = new HashMap<>();
                values = new ArrayList<>();
                clusterGroups.add(values);
            }
            if (keptGpus[n] == 0) {
                continue;
            }
            Integer id = ids.get(groupValues[n]);
            if (id == null) {
                id = values.size();
                ids.put(groupValues[n], id);
                values.add(groupValues[n]);
            }
            keptFlat[kept] = n;
            keptGroup[kept] = id;
            kept++;
        }
        while (clusterGroups.size() < clusters.size()) {
            clusterGroups.add(new ArrayList<>());
        }
    }

    /// Step 3b: per cluster, each group id's rank when the group titles are sorted (no-label last).
    private int[][] groupRanks() {
        int[][] ranks = new int[clusterGroups.size()][];
        for (int c = 0; c < clusterGroups.size(); c++) {
            List<String> values = clusterGroups.get(c);
            if (values.size() >= MAX_GROUPS) {
                throw new IllegalArgumentException("grouping by " + groupLabel + " makes more than "
                        + (MAX_GROUPS - 1) + " groups in cluster " + clusters.get(c).name());
            }
            Integer[] order = new Integer[values.size()];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> values.get(a).compareTo(values.get(b)));
            ranks[c] = new int[values.size()];
            for (int rank = 0; rank < order.length; rank++) {
                ranks[c][order[rank]] = rank;
            }
        }
        return ranks;
    }

    /// Step 4.
    private HeatmapTopology assemble(long[] keys) {
        String[] clusterNames = new String[clusters.size()];
        Arrays.setAll(clusterNames, c -> clusters.get(c).name());
        List<String> groupNames = new ArrayList<>();
        int[] groupCluster = new int[kept + clusters.size()];
        int[] groupFirstNode = new int[kept + clusters.size() + 1];
        // Grouped by cluster and unfiltered, a cluster without GPU nodes keeps its header.
        boolean everyCluster = groupLabel == null && filter.isEmpty();
        int nextCluster = 0;
        String[] nodeNames = new String[kept];
        int[] nodeSource = new int[kept];
        int[] nodeFirstOrdinal = new int[kept + 1];
        int total = 0;
        for (int i = 0; i < kept; i++) {
            total += keptGpus[keptFlat[i]];
        }
        int[] gpuPosition = new int[total];
        boolean inPlace = total == raw.capacity();
        FrameColumns columns = inPlace ? raw : new FrameColumns(total);
        arrangedNodes = new NodeSnapshot[kept];
        arrangedCordoned = new boolean[kept];
        long previousGroup = -1;
        int ordinal = 0;
        for (int n = 0; n < kept; n++) {
            int i = (int) (keys[n] & (MAX_NODES - 1));
            int flat = keptFlat[i];
            long group = keys[n] >>> 40;
            if (group != previousGroup) {
                while (everyCluster && nextCluster < flatCluster[flat]) {
                    addEmptyGroup(groupNames, groupCluster, groupFirstNode, nextCluster++, n);
                }
                nextCluster = flatCluster[flat] + 1;
                groupCluster[groupNames.size()] = flatCluster[flat];
                groupFirstNode[groupNames.size()] = n;
                groupNames.add(title(flatCluster[flat], keptGroup[i]));
                previousGroup = group;
            }
            NodeSnapshot node = flatNodes[flat];
            int count = keptGpus[flat];
            nodeNames[n] = node.name();
            nodeSource[n] = flatSource[flat];
            nodeFirstOrdinal[n] = ordinal;
            System.arraycopy(positions, gpuStart[flat], gpuPosition, ordinal, count);
            inPlace &= gpuStart[flat] == ordinal;
            if (columns != raw) {
                columns.copyRange(raw, gpuStart[flat], ordinal, count);
            }
            arrangedNodes[n] = node;
            arrangedCordoned[n] = node.node().unschedulable();
            ordinal += count;
        }
        nodeFirstOrdinal[kept] = ordinal;
        while (everyCluster && nextCluster < clusters.size()) {
            addEmptyGroup(groupNames, groupCluster, groupFirstNode, nextCluster++, kept);
        }
        arranged = inPlace || columns != raw ? columns : reordered(keys, total);
        int groups = groupNames.size();
        groupFirstNode[groups] = kept;
        return new HeatmapTopology(clusterNames, groupNames.toArray(String[]::new), Arrays.copyOf(groupCluster, groups),
                Arrays.copyOf(groupFirstNode, groups + 1), nodeNames, nodeSource, nodeFirstOrdinal, gpuPosition);
    }

    /// The raw columns moved into display order, when every GPU is shown but nodes moved.
    private FrameColumns reordered(long[] keys, int total) {
        FrameColumns columns = new FrameColumns(total);
        int ordinal = 0;
        for (long key : keys) {
            int flat = keptFlat[(int) (key & (MAX_NODES - 1))];
            columns.copyRange(raw, gpuStart[flat], ordinal, keptGpus[flat]);
            ordinal += keptGpus[flat];
        }
        return columns;
    }

    /// The GPUs' columns in display order; after [#build].
    FrameColumns columns() {
        return Objects.requireNonNull(arranged, "build first");
    }

    /// The shown nodes' records in display order; after [#build].
    NodeSnapshot[] nodes() {
        return arrangedNodes;
    }

    /// Whether each shown node is cordoned, in display order; after [#build].
    boolean[] cordoned() {
        return arrangedCordoned;
    }

    private void addEmptyGroup(List<String> names, int[] groupCluster, int[] groupFirstNode, int cluster, int at) {
        groupCluster[names.size()] = cluster;
        groupFirstNode[names.size()] = at;
        names.add(clusters.get(cluster).name());
    }

    private String title(int cluster, int group) {
        String name = clusters.get(cluster).name();
        if (groupLabel == null) {
            return name;
        }
        String value = clusterGroups.get(cluster).get(group);
        return name + " › " + (value.equals(NO_VALUE) ? "no " + groupLabel : value);
    }
}
