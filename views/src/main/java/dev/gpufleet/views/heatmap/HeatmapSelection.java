package dev.gpufleet.views.heatmap;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;

/// The GPUs a person has picked in the heatmap (click, Ctrl/Shift-click, Shift-drag, Ctrl+A),
/// for actions on many GPUs at once. Immutable: every change publishes a new one.
///
/// It holds one bit per ordinal of its [HeatmapFrame], not an object per GPU; [#gpus] names
/// them when an action needs names. A new frame carries the selection over by name
/// ([#remapTo]), so it survives new snapshots, re-sorting and filtering (GPUs the filter
/// hides leave the selection).
public final class HeatmapSelection {

    /// Nothing selected.
    public static final HeatmapSelection EMPTY = new HeatmapSelection(HeatmapFrame.empty(HeatmapMetric.UTILIZATION),
            new BitSet());

    private final HeatmapFrame frame;
    private final BitSet ordinals;

    private HeatmapSelection(HeatmapFrame frame, BitSet ordinals) {
        this.frame = frame;
        this.ordinals = ordinals;
    }

    /// The selection of `ordinals` (copied) in `frame`.
    public static HeatmapSelection of(HeatmapFrame frame, BitSet ordinals) {
        BitSet copy = (BitSet) ordinals.clone();
        if (copy.length() > frame.gpuCount()) {
            copy.clear(frame.gpuCount(), copy.length());
        }
        return copy.isEmpty() ? EMPTY : new HeatmapSelection(frame, copy);
    }

    public int size() {
        return ordinals.cardinality();
    }

    public boolean isEmpty() {
        return ordinals.isEmpty();
    }

    /// Whether the GPU at `ordinal` of [#frame] is selected.
    public boolean contains(int ordinal) {
        return ordinal >= 0 && ordinals.get(ordinal);
    }

    /// Selected ordinals of [#frame], ascending (heatmap order).
    public IntStream ordinals() {
        return ordinals.stream();
    }

    /// A copy of the selected ordinals.
    public BitSet bits() {
        return (BitSet) ordinals.clone();
    }

    /// The frame the ordinals index.
    public HeatmapFrame frame() {
        return frame;
    }

    /// The selected GPUs by name, in heatmap order.
    public List<GpuSelection> gpus() {
        List<GpuSelection> gpus = new ArrayList<>(size());
        for (int o = ordinals.nextSetBit(0); o >= 0; o = ordinals.nextSetBit(o + 1)) {
            gpus.add(frame.selectionAt(o));
        }
        return gpus;
    }

    /// This selection in `next`: the same GPUs by cluster, node and index, where `next` shows them.
    public HeatmapSelection remapTo(HeatmapFrame next) {
        if (isEmpty() || next == frame) {
            return isEmpty() ? EMPTY : this;
        }
        if (next.topology() == frame.topology()) {
            return new HeatmapSelection(next, ordinals);
        }
        BitSet mapped = new BitSet(next.gpuCount());
        HeatmapTopology topology = frame.topology();
        for (int o = ordinals.nextSetBit(0); o >= 0; o = ordinals.nextSetBit(o + 1)) {
            int node = topology.nodeOf(o);
            int target = next.topology().findNode(frame.cluster(o), topology.nodeName(node));
            if (target >= 0) {
                int found = next.ordinalOnNode(target, frame.gpu(o).index());
                if (found >= 0) {
                    mapped.set(found);
                }
            }
        }
        return mapped.isEmpty() ? EMPTY : new HeatmapSelection(next, mapped);
    }

    @Override
    public String toString() {
        return size() + " GPUs selected";
    }
}
