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
import org.jspecify.annotations.Nullable;

/// Builds a [HeatmapTopology] and the [FrameColumns] of a [HeatmapFrame] with one read of each
/// GPU record: filter nodes and GPUs while reading their values into columns, give every kept
/// node one `long` sort key (cluster, group rank, order key, snapshot position), sort those
/// keys, and lay nodes and columns out in that order. No object per GPU, one `long` per node.
final class TopologyBuilder {

    private static final int MAX_CLUSTERS = 1 << 9;
    private static final int MAX_GROUPS = 1 << 14;
    private static final int MAX_NODES = 1 << 24;

    private final HeatmapArrangement arrangement;
    private final @Nullable String groupLabel;
    private final HeatmapFilter filter;
    private final List<ClusterSnapshot> clusters;
    private final HeatmapMetric metric;
    private FrameColumns raw = new FrameColumns(1024);
    private @Nullable FrameColumns arranged;
    private NodeSnapshot[] arrangedNodes = new NodeSnapshot[0];
    private boolean[] arrangedCordoned = new boolean[0];

    private int[] keptCluster = new int[256];
    private int[] keptSource = new int[256];
    private int[] keptGroup = new int[256];
    private int[] keptSortKey = new int[256];
    private int[] keptGpuCount = new int[256];
    private int kept;
    private int[] positions = new int[1024];
    private int positionCount;
    private int[] keptFirstPosition = new int[256];
    /// Per cluster: its group titles in first-seen order and each title's id.
    private final List<List<String>> groupValues = new ArrayList<>();

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
        for (int c = 0; c < clusters.size(); c++) {
            collectCluster(c);
        }
        int[][] ranks = groupRanks();
        long[] keys = new long[kept];
        for (int i = 0; i < kept; i++) {
            keys[i] = (long) keptCluster[i] << 54 | (long) ranks[keptCluster[i]][keptGroup[i]] << 40
                    | (long) keptSortKey[i] << 24 | i;
        }
        Arrays.sort(keys);
        return assemble(keys);
    }

    private void collectCluster(int c) {
        Map<String, Integer> groupIds = new HashMap<>();
        List<String> values = new ArrayList<>();
        groupValues.add(values);
        for (int k = 0; k < clusters.get(c).nodes().size(); k++) {
            NodeSnapshot node = clusters.get(c).nodes().get(k);
            if (node.gpus().isEmpty() || !filter.matchesNode(node)) {
                continue;
            }
            int count = collectGpus(node);
            if (count == 0) {
                continue;
            }
            String value = groupLabel == null ? "" : node.node().labels().get(groupLabel);
            Integer group = groupIds.get(value == null ? NO_VALUE : value);
            if (group == null) {
                group = values.size();
                groupIds.put(value == null ? NO_VALUE : value, group);
                values.add(value == null ? NO_VALUE : value);
            }
            keep(c, k, group, arrangement.sort().key(raw, positionCount - count, count), count);
        }
    }

    /// Sentinel title of the group of nodes without the label; sorts after every real value.
    private static final String NO_VALUE = "\uFFFF";

    private int collectGpus(NodeSnapshot node) {
        int start = positionCount;
        int gpus = node.gpus().size();
        if (positions.length < positionCount + gpus) {
            positions = Arrays.copyOf(positions, Math.max(positions.length * 2, positionCount + gpus));
        }
        if (raw.capacity() < positionCount + gpus) {
            raw.grow(Math.max(raw.capacity() * 2, positionCount + gpus));
        }
        boolean check = filter.hasGpuTerms();
        HeatmapSort sort = arrangement.sort();
        List<GpuSnapshot> list = node.gpus();
        for (int p = 0; p < gpus; p++) {
            GpuSnapshot gpu = list.get(p);
            if (!check || filter.matchesGpu(gpu)) {
                raw.read(positionCount, gpu, metric, sort);
                positions[positionCount++] = p;
            }
        }
        return positionCount - start;
    }

    private void keep(int cluster, int source, int group, int sortKey, int gpuCount) {
        if (kept == keptCluster.length) {
            int size = kept * 2;
            keptCluster = Arrays.copyOf(keptCluster, size);
            keptSource = Arrays.copyOf(keptSource, size);
            keptGroup = Arrays.copyOf(keptGroup, size);
            keptSortKey = Arrays.copyOf(keptSortKey, size);
            keptGpuCount = Arrays.copyOf(keptGpuCount, size);
            keptFirstPosition = Arrays.copyOf(keptFirstPosition, size);
        }
        if (kept + 1 >= MAX_NODES) {
            throw new IllegalArgumentException("the heatmap shows at most " + (MAX_NODES - 1) + " nodes");
        }
        keptCluster[kept] = cluster;
        keptSource[kept] = source;
        keptGroup[kept] = group;
        keptSortKey[kept] = sortKey;
        keptGpuCount[kept] = gpuCount;
        keptFirstPosition[kept] = positionCount - gpuCount;
        kept++;
    }

    /// Per cluster, each group id's rank when the group titles are sorted (no-label group last).
    private int[][] groupRanks() {
        int[][] ranks = new int[groupValues.size()][];
        for (int c = 0; c < groupValues.size(); c++) {
            List<String> values = groupValues.get(c);
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
        int[] gpuPosition = new int[positionCount];
        FrameColumns columns = new FrameColumns(positionCount);
        arrangedNodes = new NodeSnapshot[kept];
        arrangedCordoned = new boolean[kept];
        long previousGroup = -1;
        int ordinal = 0;
        for (int n = 0; n < kept; n++) {
            int i = (int) (keys[n] & (MAX_NODES - 1));
            long group = keys[n] >>> 40;
            if (group != previousGroup) {
                while (everyCluster && nextCluster < keptCluster[i]) {
                    addEmptyGroup(groupNames, groupCluster, groupFirstNode, nextCluster++, n);
                }
                nextCluster = keptCluster[i] + 1;
                groupCluster[groupNames.size()] = keptCluster[i];
                groupFirstNode[groupNames.size()] = n;
                groupNames.add(title(keptCluster[i], keptGroup[i]));
                previousGroup = group;
            }
            NodeSnapshot node = clusters.get(keptCluster[i]).nodes().get(keptSource[i]);
            nodeNames[n] = node.name();
            nodeSource[n] = keptSource[i];
            nodeFirstOrdinal[n] = ordinal;
            System.arraycopy(positions, keptFirstPosition[i], gpuPosition, ordinal, keptGpuCount[i]);
            columns.copyRange(raw, keptFirstPosition[i], ordinal, keptGpuCount[i]);
            arrangedNodes[n] = node;
            arrangedCordoned[n] = node.node().unschedulable();
            ordinal += keptGpuCount[i];
        }
        nodeFirstOrdinal[kept] = ordinal;
        while (everyCluster && nextCluster < clusters.size()) {
            addEmptyGroup(groupNames, groupCluster, groupFirstNode, nextCluster++, kept);
        }
        arranged = columns;
        int groups = groupNames.size();
        groupFirstNode[groups] = kept;
        return new HeatmapTopology(clusterNames, groupNames.toArray(String[]::new), Arrays.copyOf(groupCluster, groups),
                Arrays.copyOf(groupFirstNode, groups + 1), nodeNames, nodeSource, nodeFirstOrdinal, gpuPosition);
    }

    /// The GPUs' columns in display order; after [#build].
    FrameColumns columns() {
        return java.util.Objects.requireNonNull(arranged, "build first");
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
        String value = groupValues.get(cluster).get(group);
        return name + " › " + (value.equals(NO_VALUE) ? "no " + groupLabel : value);
    }
}
