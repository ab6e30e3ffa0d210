package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuColumns;
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
///    snapshot position), then sort those keys (only the changed ones when few changed);
/// 4. lay nodes and columns out in that order (skipped for the columns when nothing moved).
///
/// GPU values come from each node's [GpuColumns] (built by core with the node, once per scrape),
/// not from the GPU records: a few small adjacent arrays per node instead of three dependent
/// cache misses per GPU. Reading 12,500 nodes is still memory-bound; the parallel step spreads
/// it over the cores the FX thread would otherwise leave idle. No object per GPU, one `long` per
/// node.
///
/// Given the previous frame's [NodeReadings] (same metric and arrangement), step 2 copies the
/// work for every node that is the same [NodeSnapshot] object as there, in runs of adjacent
/// nodes, and reads only the nodes that changed; step 4 keeps the previous topology when the
/// shape is unchanged.
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

    private final @Nullable NodeReadings previous;
    private NodeReadings readings = new NodeReadings(HeatmapMetric.UTILIZATION, HeatmapArrangement.DEFAULT,
            new NodeSnapshot[0], new int[0], new int[0], new int[1]);
    /// Per node, its index in `previous` when it is the same object there, else -1.
    private int[] from = new int[0];
    private int changedGpus;
    private int[] keptFlat = new int[0];
    private int[] keptGroup = new int[0];
    private int kept;
    private final List<List<String>> clusterGroups = new ArrayList<>();
    private boolean built;
    private int @Nullable [] slots;
    private NodeSnapshot[] arrangedNodes = new NodeSnapshot[0];
    private boolean[] arrangedCordoned = new boolean[0];

    TopologyBuilder(FleetSnapshot snapshot, HeatmapArrangement arrangement, HeatmapMetric metric) {
        this(snapshot, arrangement, metric, null);
    }

    /// A builder that copies `previous`'s work for every node that is the same object as there
    /// (when `previous` was built for the same metric and arrangement).
    TopologyBuilder(FleetSnapshot snapshot, HeatmapArrangement arrangement, HeatmapMetric metric,
                    @Nullable NodeReadings previous) {
        this.previous = previous != null && previous.reusableFor(metric, arrangement) ? previous : null;
        this.metric = metric;
        this.arrangement = arrangement;
        this.groupLabel = arrangement.groupLabel();
        this.filter = arrangement.filter();
        this.clusters = snapshot.clusters();
    }

    HeatmapTopology build() {
        return build(null);
    }

    /// As [#build()], but returns `previousTopology` itself when the new one would have its shape.
    HeatmapTopology build(@Nullable HeatmapTopology previousTopology) {
        if (clusters.size() >= MAX_CLUSTERS) {
            throw new IllegalArgumentException("the heatmap shows at most " + (MAX_CLUSTERS - 1) + " clusters");
        }
        listNodes();
        int nodes = readings.nodeCount();
        int chunks = (nodes + CHUNK_NODES - 1) / CHUNK_NODES;
        IntStream range = IntStream.range(0, chunks);
        (changedGpus >= PARALLEL_GPUS ? range.parallel() : range).forEach(this::readChunk);
        numberGroups();
        int[][] ranks = groupRanks();
        long[] keys = new long[kept];
        for (int i = 0; i < kept; i++) {
            int flat = keptFlat[i];
            int cluster = readings.cluster[flat];
            keys[i] = (long) cluster << 54 | (long) ranks[cluster][keptGroup[i]] << 40
                    | (long) readings.sortKeys[flat] << 24 | i;
        }
        readings.keys = keys;
        readings.sortedKeys = previous == null ? SortedKeys.of(keys)
                : SortedKeys.of(keys, previous.keys, previous.sortedKeys, MAX_NODES - 1);
        return assemble(readings.sortedKeys, previousTopology);
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
        NodeSnapshot[] flatNodes = new NodeSnapshot[count];
        int[] flatCluster = new int[count];
        int[] flatSource = new int[count];
        int[] gpuStart = new int[count + 1];
        int n = 0;
        for (int c = 0; c < clusters.size(); c++) {
            List<NodeSnapshot> list = clusters.get(c).nodes();
            for (int k = 0; k < list.size(); k++) {
                flatNodes[n] = list.get(k);
                flatCluster[n] = c;
                flatSource[n] = k;
                n++;
            }
        }
        if (previous == null) {
            from = new int[count];
            Arrays.fill(from, -1);
        } else {
            from = previous.matches(flatNodes);
        }
        // An unchanged node's GPU count is known without touching its (old, uncached) record.
        for (int k = 0; k < count; k++) {
            int p = from[k];
            int gpus = p >= 0 ? previous.gpuStart[p + 1] - previous.gpuStart[p] : flatNodes[k].gpuColumns().count();
            gpuStart[k + 1] = gpuStart[k] + gpus;
            changedGpus += p >= 0 ? 0 : gpus;
        }
        readings = new NodeReadings(metric, arrangement, flatNodes, flatCluster, flatSource, gpuStart);
    }

    /// Step 2 for nodes `[chunk * CHUNK_NODES, …)`: writes only those nodes' slots. Runs of
    /// nodes that are the same objects as in `previous` are copied from there; the changed
    /// nodes' kept GPUs are collected and read together ([FrameColumns#read]), then keyed.
    private void readChunk(int chunk) {
        int begin = chunk * CHUNK_NODES;
        int end = Math.min(readings.nodeCount(), begin + CHUNK_NODES);
        int changedSlots = 0;
        for (int n = begin; n < end; n++) {
            changedSlots += from[n] < 0 ? readings.gpuStart[n + 1] - readings.gpuStart[n] : 0;
        }
        GpuColumns[] pending = new GpuColumns[changedSlots];
        int[] pendingGpus = new int[changedSlots];
        int[] pendingSlots = new int[changedSlots];
        int[] changed = new int[changedSlots == 0 ? 0 : end - begin];
        int[] offsets = new int[changed.length];
        int changedCount = 0;
        int at = 0;
        int n = begin;
        while (n < end) {
            int p = from[n];
            if (p < 0) {
                int kept = collectNode(n, pending, pendingGpus, pendingSlots, at);
                if (kept > 0) {
                    changed[changedCount] = n;
                    offsets[changedCount++] = at;
                    at += kept;
                }
                n++;
                continue;
            }
            int run = 1;
            while (n + run < end && from[n + run] == p + run) {
                run++;
            }
            readings.copyNodes(Objects.requireNonNull(previous), p, n, run);
            n += run;
        }
        if (at > 0) {
            keyChanged(pending, pendingGpus, pendingSlots, at, changed, offsets, changedCount);
        }
    }

    /// Reads the `count` collected GPUs into their slots, then keys the changed nodes.
    private void keyChanged(GpuColumns[] pending, int[] pendingGpus, int[] pendingSlots, int count, int[] changed,
                            int[] offsets, int changedCount) {
        double[] sortValues = new double[count];
        HeatmapSort sort = arrangement.sort();
        readings.raw.read(pending, pendingGpus, pendingSlots, count, metric, sort, sortValues);
        for (int c = 0; c < changedCount; c++) {
            int node = changed[c];
            readings.sortKeys[node] = sort.key(readings.raw, readings.gpuStart[node], sortValues, offsets[c],
                    readings.keptGpus[node]);
        }
    }

    /// Step 2 for one node that changed: filter it and its GPUs, group it, and append its kept
    /// GPUs (node columns, position) and their slots to `pending`, `pendingGpus` and
    /// `pendingSlots` at `at`. How many it kept. GPU records are read only for GPU filter terms
    /// other than health.
    private int collectNode(int n, GpuColumns[] pending, int[] pendingGpus, int[] pendingSlots, int at) {
        NodeSnapshot node = readings.nodes[n];
        NodeRecord record = node.node();
        int same = previous == null ? -1 : previous.sameRecord(n, record);
        boolean recordMatches = same >= 0 ? previous.recordMatches[same] : filter.matchesNode(node);
        readings.records[n] = record;
        readings.names[n] = record.name();
        readings.cordoned[n] = record.unschedulable();
        readings.recordMatches[n] = recordMatches;
        GpuColumns columns = node.gpuColumns();
        if (columns.count() == 0 || !recordMatches) {
            return 0;
        }
        String group = same >= 0 ? previous.groupValues[same] : null;
        if (group == null) {
            String value = groupLabel == null ? "" : record.labels().get(groupLabel);
            group = value == null ? NO_VALUE : value;
        }
        readings.groupValues[n] = group;
        int[] positions = readings.positions;
        boolean checkGpus = filter.hasGpuTerms();
        boolean checkRecords = filter.gpuTermsNeedRecord();
        int start = readings.gpuStart[n];
        int slot = start;
        List<GpuSnapshot> gpus = node.gpus();
        for (int p = 0; p < columns.count(); p++) {
            boolean shown = !checkGpus || (checkRecords ? filter.matchesGpu(gpus.get(p))
                    : filter.matchesHealth(columns.healthOrdinal(p)));
            if (shown) {
                pending[at + slot - start] = columns;
                pendingGpus[at + slot - start] = p;
                pendingSlots[at + slot - start] = slot;
                positions[slot++] = p;
            }
        }
        readings.keptGpus[n] = slot - start;
        return slot - start;
    }

    /// Step 3a: the kept nodes in snapshot order, each with its group id within its cluster.
    private void numberGroups() {
        int[] flatCluster = readings.cluster;
        int[] keptGpus = readings.keptGpus;
        @Nullable String[] groupValues = readings.groupValues;
        int nodes = readings.nodeCount();
        keptFlat = new int[nodes];
        keptGroup = new int[nodes];
        int cluster = -1;
        Map<String, Integer> ids = new HashMap<>();
        List<String> values = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            while (cluster < flatCluster[n]) {
                cluster++;
                ids = new HashMap<>();
                values = new ArrayList<>();
                clusterGroups.add(values);
            }
            if (keptGpus[n] == 0) {
                continue;
            }
            String value = Objects.requireNonNull(groupValues[n]);
            Integer id = ids.get(value);
            if (id == null) {
                id = values.size();
                ids.put(value, id);
                values.add(value);
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
    private HeatmapTopology assemble(long[] keys, @Nullable HeatmapTopology previousTopology) {
        int[] flatCluster = readings.cluster;
        int[] keptGpus = readings.keptGpus;
        int[] gpuStart = readings.gpuStart;
        FrameColumns raw = readings.raw;
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
        int[] slotOf = new int[total];
        boolean inPlace = total == raw.capacity();
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
            int count = keptGpus[flat];
            nodeNames[n] = readings.names[flat];
            nodeSource[n] = readings.source[flat];
            nodeFirstOrdinal[n] = ordinal;
            int start = gpuStart[flat];
            inPlace &= start == ordinal;
            for (int k = 0; k < count; k++) {
                slotOf[ordinal + k] = start + k;
            }
            arrangedNodes[n] = readings.nodes[flat];
            arrangedCordoned[n] = readings.cordoned[flat];
            ordinal += count;
        }
        nodeFirstOrdinal[kept] = ordinal;
        while (everyCluster && nextCluster < clusters.size()) {
            addEmptyGroup(groupNames, groupCluster, groupFirstNode, nextCluster++, kept);
        }
        slots = inPlace ? null : slotOf;
        built = true;
        int[] gpuPosition = new int[total];
        int[] positions = readings.positions;
        for (int o = 0; o < total; o++) {
            gpuPosition[o] = positions[slotOf[o]];
        }
        int groups = groupNames.size();
        groupFirstNode[groups] = kept;
        String[] names = groupNames.toArray(String[]::new);
        int[] clusterOfGroup = Arrays.copyOf(groupCluster, groups);
        int[] firstNodes = Arrays.copyOf(groupFirstNode, groups + 1);
        if (previousTopology != null && previousTopology.hasShape(clusterNames, names, clusterOfGroup, firstNodes,
                nodeNames, nodeSource, nodeFirstOrdinal, gpuPosition)) {
            return previousTopology;
        }
        return new HeatmapTopology(clusterNames, names, clusterOfGroup, firstNodes, nodeNames, nodeSource,
                nodeFirstOrdinal, gpuPosition, previousTopology);
    }

    /// The GPUs' columns in snapshot order (see [#slots]); after [#build].
    FrameColumns columns() {
        if (!built) {
            throw new IllegalStateException("build first");
        }
        return readings.raw;
    }

    /// Per ordinal, its slot in [#columns]; `null` when ordinals are slots (nothing moved or
    /// was hidden). The columns are not copied into display order: a frame reads through this.
    int @Nullable [] slots() {
        return slots;
    }

    /// This frame's per-node work in snapshot order, for the next frame to reuse; after [#build].
    NodeReadings readings() {
        return readings;
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
