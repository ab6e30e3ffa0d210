package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.store.NodeSnapshot;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// The per-node work of one frame in snapshot order (every node of every cluster, flat): which
/// GPUs the filter kept and their [FrameColumns] in a fixed slot range per node, the node's sort
/// key, group label value, name and cordon, and whether its record passed the node filter.
///
/// A [HeatmapFrame] keeps its readings so the next frame, for the same metric and arrangement,
/// copies them for every node whose [NodeSnapshot] is the *same object* (core keeps an unchanged
/// node's snapshot between versions) and reads only the changed nodes' GPU records; a changed
/// node whose [NodeRecord] is the same object keeps its filter result and group value. Nothing
/// here is written after the frame is built, so frames share nothing mutable.
final class NodeReadings {

    final HeatmapMetric metric;
    final HeatmapArrangement arrangement;
    final NodeSnapshot[] nodes;
    final NodeRecord[] records;
    final int[] cluster;
    final int[] source;
    /// First slot of each node; one extra entry holds the slot count.
    final int[] gpuStart;
    final int[] keptGpus;
    final int[] sortKeys;
    final @Nullable String[] groupValues;
    final String[] names;
    final boolean[] cordoned;
    /// Whether the node's record passes the filter's node terms (name, labels).
    final boolean[] recordMatches;
    final FrameColumns raw;
    /// Per slot, the position of the GPU in its node's GPU list.
    final int[] positions;
    /// Per kept node (in snapshot order), its sort key (see [TopologyBuilder]); set once by the
    /// builder, like [#sortedKeys], the same keys in display order.
    long[] keys = new long[0];
    long[] sortedKeys = new long[0];

    NodeReadings(HeatmapMetric metric, HeatmapArrangement arrangement, NodeSnapshot[] nodes, int[] cluster,
                 int[] source, int[] gpuStart) {
        this.metric = metric;
        this.arrangement = arrangement;
        this.nodes = nodes;
        this.cluster = cluster;
        this.source = source;
        this.gpuStart = gpuStart;
        int count = nodes.length;
        this.records = new NodeRecord[count];
        this.keptGpus = new int[count];
        this.sortKeys = new int[count];
        this.groupValues = new String[count];
        this.names = new String[count];
        this.cordoned = new boolean[count];
        this.recordMatches = new boolean[count];
        this.raw = new FrameColumns(gpuStart[count]);
        this.positions = new int[gpuStart[count]];
    }

    int nodeCount() {
        return nodes.length;
    }

    /// Whether these readings can stand in for `metric` and `arrangement`'s.
    boolean reusableFor(HeatmapMetric otherMetric, HeatmapArrangement otherArrangement) {
        return metric == otherMetric && arrangement.equals(otherArrangement);
    }

    /// Per node of `next`, the index of the same [NodeSnapshot] object in these readings, or -1
    /// for a node that changed (or is new). Looks at the same position first; only when the
    /// node count differs (nodes came or went, so positions shifted) does it index these nodes.
    int[] matches(NodeSnapshot[] next) {
        int[] from = new int[next.length];
        Map<NodeSnapshot, Integer> index = null;
        if (next.length != nodes.length) {
            index = new IdentityHashMap<>(nodes.length * 2);
            for (int p = 0; p < nodes.length; p++) {
                index.put(nodes[p], p);
            }
        }
        for (int n = 0; n < next.length; n++) {
            if (n < nodes.length && nodes[n] == next[n]) {
                from[n] = n;
            } else {
                Integer found = index == null ? null : index.get(next[n]);
                from[n] = found == null ? -1 : found;
            }
        }
        return from;
    }

    /// Index of `record` at position `n` of these readings, or -1 (only the same position is tried).
    int sameRecord(int n, NodeRecord record) {
        return n < records.length && records[n] == record ? n : -1;
    }

    /// Copies nodes `[from, from + length)` of `previous` (slots included) to `[to, to + length)`.
    void copyNodes(NodeReadings previous, int from, int to, int length) {
        System.arraycopy(previous.records, from, records, to, length);
        System.arraycopy(previous.keptGpus, from, keptGpus, to, length);
        System.arraycopy(previous.sortKeys, from, sortKeys, to, length);
        System.arraycopy(previous.groupValues, from, groupValues, to, length);
        System.arraycopy(previous.names, from, names, to, length);
        System.arraycopy(previous.cordoned, from, cordoned, to, length);
        System.arraycopy(previous.recordMatches, from, recordMatches, to, length);
        int slotFrom = previous.gpuStart[from];
        int slots = previous.gpuStart[from + length] - slotFrom;
        raw.copyRange(previous.raw, slotFrom, gpuStart[to], slots);
        System.arraycopy(previous.positions, slotFrom, positions, gpuStart[to], slots);
    }
}
