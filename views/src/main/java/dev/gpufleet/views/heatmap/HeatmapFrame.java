package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuColumns;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/// One snapshot's readings of one metric, flattened for drawing: per GPU ordinal a value, its
/// colour, when it was sampled, its health and whether it idles; per node whether it is cordoned.
///
/// Ordinals follow the [HeatmapTopology], which arranges (groups, sorts, filters) the snapshot.
///
/// Built once per new snapshot version (or metric switch) in a single pass, incrementally from
/// the previous frame with [#next] (only nodes whose snapshot object changed are read again);
/// everything the renderer touches per cell is a primitive array, indexed through an
/// ordinal-to-slot map when the arrangement moved or hid GPUs. The snapshot's records stay reachable
/// through [#node] and [#gpu] for tooltips and selection, without objects of our own per GPU.
public final class HeatmapFrame {

    /// `sampledAtMillis` of a GPU that has never reported.
    public static final long NEVER = GpuColumns.NEVER;
    /// Utilization (percent) at or below which a GPU with a fresh reading counts as idle.
    public static final double IDLE_PERCENT = 1.0;
    private static final Health[] HEALTH = Health.values();

    private final FleetSnapshot snapshot;
    private final HeatmapTopology topology;
    private final HeatmapMetric metric;
    private final NodeSnapshot[] nodes;
    private final double[] values;
    private final int[] colors;
    private final long[] sampledAtMillis;
    private final byte[] health;
    private final boolean[] cordoned;
    private final boolean[] idle;
    /// Per ordinal, its slot in the columns above, or `null` when ordinals are slots.
    private final int @Nullable [] slots;
    private final int gpuCount;
    private final @Nullable NodeReadings readings;

    private HeatmapFrame(FleetSnapshot snapshot, HeatmapTopology topology, HeatmapMetric metric,
                         NodeSnapshot[] nodes, boolean[] cordoned, FrameColumns columns, int @Nullable [] slots,
                         @Nullable NodeReadings readings) {
        this.snapshot = snapshot;
        this.topology = topology;
        this.metric = metric;
        this.nodes = nodes;
        this.cordoned = cordoned;
        this.values = columns.values;
        this.colors = columns.colors;
        this.sampledAtMillis = columns.sampledAt;
        this.health = columns.health;
        this.idle = columns.idle;
        this.slots = slots;
        this.gpuCount = slots == null ? columns.capacity() : slots.length;
        this.readings = readings;
    }

    /// Reads `metric` from every GPU of `snapshot`. Pass the previous frame's topology: when
    /// the shape did not change it is reused, so the layout built for it stays valid.
    public static HeatmapFrame extract(FleetSnapshot snapshot, HeatmapMetric metric, @Nullable HeatmapTopology previous) {
        return extract(snapshot, metric, previous, HeatmapArrangement.DEFAULT);
    }

    /// As [#extract(FleetSnapshot, HeatmapMetric, HeatmapTopology)], arranged by `arrangement`.
    /// Each GPU record is read once (see [TopologyBuilder]).
    public static HeatmapFrame extract(FleetSnapshot snapshot, HeatmapMetric metric, @Nullable HeatmapTopology previous,
                                       HeatmapArrangement arrangement) {
        return build(new TopologyBuilder(snapshot, arrangement, metric), snapshot, metric, previous);
    }

    /// The frame of `snapshot` that follows this one: as
    /// [#extract(FleetSnapshot, HeatmapMetric, HeatmapTopology, HeatmapArrangement)] with this
    /// frame's topology, but incremental. When this frame was built for the same metric and
    /// arrangement, every node whose [NodeSnapshot] is the same object as in this frame's
    /// snapshot (core keeps unchanged nodes' snapshots between versions) is copied from here
    /// instead of read again, so a refresh costs in proportion to the nodes that changed. The
    /// result equals a frame built from scratch.
    public HeatmapFrame next(FleetSnapshot next, HeatmapMetric nextMetric, HeatmapArrangement arrangement) {
        TopologyBuilder builder = new TopologyBuilder(next, arrangement, nextMetric, readings);
        return build(builder, next, nextMetric, topology);
    }

    private static HeatmapFrame build(TopologyBuilder builder, FleetSnapshot snapshot, HeatmapMetric metric,
                                      @Nullable HeatmapTopology previous) {
        HeatmapTopology topology = builder.build(previous);
        return new HeatmapFrame(snapshot, topology, metric, builder.nodes(), builder.cordoned(), builder.columns(),
                builder.slots(), builder.readings());
    }

    /// A frame with no GPUs.
    public static HeatmapFrame empty(HeatmapMetric metric) {
        return new HeatmapFrame(FleetSnapshot.empty(Instant.EPOCH), HeatmapTopology.EMPTY, metric,
                new NodeSnapshot[0], new boolean[0], new FrameColumns(0), null, null);
    }

    public FleetSnapshot snapshot() {
        return snapshot;
    }

    public HeatmapTopology topology() {
        return topology;
    }

    public HeatmapMetric metric() {
        return metric;
    }

    public int gpuCount() {
        return gpuCount;
    }

    public double value(int ordinal) {
        return values[slot(ordinal)];
    }

    /// The scale colour of the GPU's value (opaque ARGB; the no-telemetry grey for `NaN`).
    public int color(int ordinal) {
        return colors[slot(ordinal)];
    }

    /// Epoch milliseconds of the GPU's newest reading, or [#NEVER].
    public long sampledAtMillis(int ordinal) {
        return sampledAtMillis[slot(ordinal)];
    }

    public Health health(int ordinal) {
        return HEALTH[health[slot(ordinal)]];
    }

    /// Whether the GPU's utilization is at most [#IDLE_PERCENT] (false without a reading).
    public boolean idle(int ordinal) {
        return idle[slot(ordinal)];
    }

    private int slot(int ordinal) {
        int[] map = slots;
        return map == null ? ordinal : map[ordinal];
    }

    /// Whether `node` (index into the topology's nodes) is cordoned.
    public boolean cordoned(int node) {
        return cordoned[node];
    }

    public NodeSnapshot node(int ordinal) {
        return nodes[topology.nodeOf(ordinal)];
    }

    public String cluster(int ordinal) {
        return topology.clusterName(topology.clusterOfNode(topology.nodeOf(ordinal)));
    }

    public GpuSnapshot gpu(int ordinal) {
        int node = topology.nodeOf(ordinal);
        return nodes[node].gpus().get(topology.gpuPosition(ordinal));
    }

    /// The selection naming the GPU at `ordinal`.
    public GpuSelection selectionAt(int ordinal) {
        GpuSnapshot gpu = gpu(ordinal);
        return new GpuSelection(cluster(ordinal), node(ordinal).name(), gpu.index(), gpu.uuid());
    }

    /// The ordinal of the GPU `selection` names in this frame, or -1 if it is not here.
    public int ordinalOf(@Nullable GpuSelection selection) {
        if (selection == null) {
            return -1;
        }
        int node = topology.findNode(selection.cluster(), selection.node());
        if (node < 0) {
            return -1;
        }
        return ordinalOnNode(node, selection.index());
    }

    /// The ordinal of the GPU with `index` on shown node `node`, or -1 if it is not shown.
    public int ordinalOnNode(int node, int index) {
        int first = topology.firstOrdinal(node);
        for (int ordinal = first; ordinal < first + topology.gpusOnNode(node); ordinal++) {
            if (gpu(ordinal).index() == index) {
                return ordinal;
            }
        }
        return -1;
    }
}
