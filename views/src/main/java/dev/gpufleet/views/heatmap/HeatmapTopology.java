package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.store.FleetSnapshot;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// The shape of the fleet as the heatmap shows it: groups (a cluster, or a cluster's nodes that
/// share a label value), their GPU nodes in display order, and which GPUs each node shows, as
/// flat arrays. GPUs are numbered by *ordinal* in group → node → GPU order.
///
/// Nodes without GPUs, and nodes and GPUs the filter hides, are left out. Each node remembers
/// where it sits in the snapshot (cluster, position in the cluster's node list) and each
/// ordinal which of its node's GPUs it is, so a frame reads values without searching. Two
/// topologies with [#sameShape] need no new layout, the common case when only telemetry changed.
public final class HeatmapTopology {

    static final HeatmapTopology EMPTY = new HeatmapTopology(new String[0], new String[0], new int[0], new int[] {0},
            new String[0], new int[0], new int[] {0}, new int[0]);

    private final String[] clusterNames;
    private final String[] groupNames;
    private final int[] groupCluster;
    /// Index of each group's first node; one extra entry holds the node count.
    private final int[] groupFirstNode;
    private final String[] nodeNames;
    private final int[] nodeSource;
    /// Ordinal of each node's first GPU; one extra entry holds the GPU count.
    private final int[] nodeFirstOrdinal;
    private final int[] gpuPosition;
    private final int[] nodeGroup;
    private final int[] ordinalNode;
    private @Nullable Map<String, Integer> nodeIndex;

    HeatmapTopology(String[] clusterNames, String[] groupNames, int[] groupCluster, int[] groupFirstNode,
                    String[] nodeNames, int[] nodeSource, int[] nodeFirstOrdinal, int[] gpuPosition) {
        this(clusterNames, groupNames, groupCluster, groupFirstNode, nodeNames, nodeSource, nodeFirstOrdinal,
                gpuPosition, null);
    }

    /// As the other constructor; when `like` has the same placement ([#samePlacement]) the
    /// indexes that follow from it alone (node → group, ordinal → node) are shared, not rebuilt.
    HeatmapTopology(String[] clusterNames, String[] groupNames, int[] groupCluster, int[] groupFirstNode,
                    String[] nodeNames, int[] nodeSource, int[] nodeFirstOrdinal, int[] gpuPosition,
                    @Nullable HeatmapTopology like) {
        this.clusterNames = clusterNames;
        this.groupNames = groupNames;
        this.groupCluster = groupCluster;
        this.groupFirstNode = groupFirstNode;
        this.nodeNames = nodeNames;
        this.nodeSource = nodeSource;
        this.nodeFirstOrdinal = nodeFirstOrdinal;
        this.gpuPosition = gpuPosition;
        if (like != null && like.hasPlacement(groupFirstNode, nodeFirstOrdinal)) {
            this.nodeGroup = like.nodeGroup;
            this.ordinalNode = like.ordinalNode;
            return;
        }
        this.nodeGroup = new int[nodeNames.length];
        for (int g = 0; g < groupNames.length; g++) {
            Arrays.fill(nodeGroup, groupFirstNode[g], groupFirstNode[g + 1], g);
        }
        this.ordinalNode = new int[nodeFirstOrdinal[nodeNames.length]];
        for (int n = 0; n < nodeNames.length; n++) {
            Arrays.fill(ordinalNode, nodeFirstOrdinal[n], nodeFirstOrdinal[n + 1], n);
        }
    }

    /// The topology of `snapshot`: one group per cluster, nodes by name, everything shown.
    public static HeatmapTopology of(FleetSnapshot snapshot) {
        return of(snapshot, HeatmapArrangement.DEFAULT);
    }

    /// The topology of `snapshot` arranged (grouped, sorted, filtered) as `arrangement` says.
    public static HeatmapTopology of(FleetSnapshot snapshot, HeatmapArrangement arrangement) {
        return new TopologyBuilder(snapshot, arrangement, HeatmapMetric.UTILIZATION).build();
    }

    public int groupCount() {
        return groupNames.length;
    }

    /// The group's header title: the cluster's name, with the label value when grouping by one.
    public String groupName(int group) {
        return groupNames[group];
    }

    /// Index (into the snapshot's clusters) of the cluster `group` belongs to.
    public int clusterOfGroup(int group) {
        return groupCluster[group];
    }

    public String clusterName(int cluster) {
        return clusterNames[cluster];
    }

    public int nodeCount() {
        return nodeNames.length;
    }

    public int gpuCount() {
        return ordinalNode.length;
    }

    public String nodeName(int node) {
        return nodeNames[node];
    }

    /// First node (index into all shown nodes) of `group`.
    public int firstNode(int group) {
        return groupFirstNode[group];
    }

    /// One past the last node of `group`.
    public int endNode(int group) {
        return groupFirstNode[group + 1];
    }

    public int groupOfNode(int node) {
        return nodeGroup[node];
    }

    /// Index of the snapshot cluster `node` belongs to.
    public int clusterOfNode(int node) {
        return groupCluster[nodeGroup[node]];
    }

    /// Position of `node` in its snapshot cluster's node list.
    public int sourceOfNode(int node) {
        return nodeSource[node];
    }

    public int firstOrdinal(int node) {
        return nodeFirstOrdinal[node];
    }

    public int gpusOnNode(int node) {
        return nodeFirstOrdinal[node + 1] - nodeFirstOrdinal[node];
    }

    public int nodeOf(int ordinal) {
        return ordinalNode[ordinal];
    }

    /// Position of the GPU at `ordinal` in its node's GPU list (a filter may skip some).
    public int gpuPosition(int ordinal) {
        return gpuPosition[ordinal];
    }

    /// Most GPUs any node of `group` shows (0 for a group without nodes).
    public int maxGpusPerNode(int group) {
        int max = 0;
        for (int n = firstNode(group); n < endNode(group); n++) {
            max = Math.max(max, gpusOnNode(n));
        }
        return max;
    }

    /// Index of the node named `node` in cluster `cluster`, or -1.
    public int findNode(String cluster, String node) {
        Map<String, Integer> index = nodeIndex;
        if (index == null) {
            index = new HashMap<>(nodeNames.length * 2);
            for (int n = 0; n < nodeNames.length; n++) {
                index.put(key(clusterNames[clusterOfNode(n)], nodeNames[n]), n);
            }
            nodeIndex = index;
        }
        Integer found = index.get(key(cluster, node));
        return found == null ? -1 : found;
    }

    private static String key(String cluster, String node) {
        return cluster + '\u0000' + node;
    }

    /// Whether `other` has the same groups, nodes and shown GPUs, so a layout carries over.
    public boolean sameShape(HeatmapTopology other) {
        return other == this || hasShape(other.clusterNames, other.groupNames, other.groupCluster,
                other.groupFirstNode, other.nodeNames, other.nodeSource, other.nodeFirstOrdinal, other.gpuPosition);
    }

    /// Whether `other` puts as many nodes in each group and as many GPUs on each node position as
    /// this one, so every position a [HeatmapLayout] computes is the same for both: only names and
    /// which node sits where (a re-sort) may differ.
    public boolean samePlacement(HeatmapTopology other) {
        return other == this || hasPlacement(other.groupFirstNode, other.nodeFirstOrdinal);
    }

    private boolean hasPlacement(int[] otherGroupFirstNode, int[] otherNodeFirstOrdinal) {
        return Arrays.equals(nodeFirstOrdinal, otherNodeFirstOrdinal) && Arrays.equals(groupFirstNode, otherGroupFirstNode);
    }

    /// Whether this topology is the one the constructor would make of these arrays, so a
    /// builder can keep it without making (and indexing) a new one.
    boolean hasShape(String[] otherClusterNames, String[] otherGroupNames, int[] otherGroupCluster,
                     int[] otherGroupFirstNode, String[] otherNodeNames, int[] otherNodeSource,
                     int[] otherNodeFirstOrdinal, int[] otherGpuPosition) {
        return Arrays.equals(nodeFirstOrdinal, otherNodeFirstOrdinal)
                && Arrays.equals(groupFirstNode, otherGroupFirstNode)
                && Arrays.equals(nodeSource, otherNodeSource)
                && Arrays.equals(gpuPosition, otherGpuPosition)
                && Arrays.equals(groupCluster, otherGroupCluster)
                && Arrays.equals(groupNames, otherGroupNames)
                && Arrays.equals(clusterNames, otherClusterNames)
                && Arrays.equals(nodeNames, otherNodeNames);
    }
}
