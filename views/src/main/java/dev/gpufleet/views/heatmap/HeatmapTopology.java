package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/// The shape of the fleet as the heatmap sees it: clusters, their GPU nodes, and how many GPUs
/// each node has, as flat arrays. GPUs are numbered by *ordinal* in cluster → node → GPU order.
///
/// Nodes without GPUs are left out. Two topologies with [#sameShape] need no new layout, which
/// is the common case when only telemetry changed.
public final class HeatmapTopology {

    static final HeatmapTopology EMPTY = new HeatmapTopology(new String[0], new int[] {0}, new String[0], new int[] {0});

    private final String[] clusterNames;
    /// Index of each cluster's first node; one extra entry holds the node count.
    private final int[] clusterFirstNode;
    private final String[] nodeNames;
    /// Ordinal of each node's first GPU; one extra entry holds the GPU count.
    private final int[] nodeFirstOrdinal;
    private final int[] nodeCluster;
    private final int[] ordinalNode;

    private HeatmapTopology(String[] clusterNames, int[] clusterFirstNode, String[] nodeNames, int[] nodeFirstOrdinal) {
        this.clusterNames = clusterNames;
        this.clusterFirstNode = clusterFirstNode;
        this.nodeNames = nodeNames;
        this.nodeFirstOrdinal = nodeFirstOrdinal;
        this.nodeCluster = new int[nodeNames.length];
        for (int c = 0; c < clusterNames.length; c++) {
            Arrays.fill(nodeCluster, clusterFirstNode[c], clusterFirstNode[c + 1], c);
        }
        this.ordinalNode = new int[nodeFirstOrdinal[nodeNames.length]];
        for (int n = 0; n < nodeNames.length; n++) {
            Arrays.fill(ordinalNode, nodeFirstOrdinal[n], nodeFirstOrdinal[n + 1], n);
        }
    }

    /// The topology of `snapshot`.
    public static HeatmapTopology of(FleetSnapshot snapshot) {
        List<ClusterSnapshot> clusters = snapshot.clusters();
        String[] clusterNames = new String[clusters.size()];
        int[] clusterFirstNode = new int[clusters.size() + 1];
        List<String> nodeNames = new ArrayList<>();
        List<Integer> gpuCounts = new ArrayList<>();
        for (int c = 0; c < clusters.size(); c++) {
            clusterNames[c] = clusters.get(c).name();
            clusterFirstNode[c] = nodeNames.size();
            for (NodeSnapshot node : clusters.get(c).nodes()) {
                if (!node.gpus().isEmpty()) {
                    nodeNames.add(node.name());
                    gpuCounts.add(node.gpus().size());
                }
            }
        }
        clusterFirstNode[clusters.size()] = nodeNames.size();
        int[] firstOrdinal = new int[nodeNames.size() + 1];
        for (int n = 0; n < nodeNames.size(); n++) {
            firstOrdinal[n + 1] = firstOrdinal[n] + gpuCounts.get(n);
        }
        return new HeatmapTopology(clusterNames, clusterFirstNode, nodeNames.toArray(String[]::new), firstOrdinal);
    }

    public int clusterCount() {
        return clusterNames.length;
    }

    public int nodeCount() {
        return nodeNames.length;
    }

    public int gpuCount() {
        return ordinalNode.length;
    }

    public String clusterName(int cluster) {
        return clusterNames[cluster];
    }

    public String nodeName(int node) {
        return nodeNames[node];
    }

    /// First node (index into all nodes) of `cluster`.
    public int firstNode(int cluster) {
        return clusterFirstNode[cluster];
    }

    /// One past the last node of `cluster`.
    public int endNode(int cluster) {
        return clusterFirstNode[cluster + 1];
    }

    public int clusterOfNode(int node) {
        return nodeCluster[node];
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

    /// Most GPUs any node of `cluster` has (0 for a cluster without GPU nodes).
    public int maxGpusPerNode(int cluster) {
        int max = 0;
        for (int n = firstNode(cluster); n < endNode(cluster); n++) {
            max = Math.max(max, gpusOnNode(n));
        }
        return max;
    }

    /// Index of the node named `node` in cluster `cluster`, or -1.
    public int findNode(String cluster, String node) {
        for (int c = 0; c < clusterNames.length; c++) {
            if (clusterNames[c].equals(cluster)) {
                for (int n = firstNode(c); n < endNode(c); n++) {
                    if (nodeNames[n].equals(node)) {
                        return n;
                    }
                }
            }
        }
        return -1;
    }

    /// Whether `other` has the same clusters, nodes and GPU counts, so a layout carries over.
    public boolean sameShape(HeatmapTopology other) {
        return other == this
                || Arrays.equals(nodeFirstOrdinal, other.nodeFirstOrdinal)
                && Arrays.equals(clusterFirstNode, other.clusterFirstNode)
                && Arrays.equals(clusterNames, other.clusterNames)
                && Arrays.equals(nodeNames, other.nodeNames);
    }
}
