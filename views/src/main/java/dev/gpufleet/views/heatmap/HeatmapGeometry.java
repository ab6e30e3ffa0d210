package dev.gpufleet.views.heatmap;

/// The sizes the layout works with, in pixels: a cell, the gaps, a node's plate and label
/// strip, a cluster's header. A later zoom changes `cellSize`; HiDPI goes through [#scaled].
///
/// @param cellSize side of one GPU's square
/// @param cellGap space between cells of one node
/// @param maxBlockColumns most cells in one row of a node's block (8 for an 8-GPU server)
/// @param platePadding space between a node's plate edge and its cells
/// @param nodeLabelHeight height of the strip above a node's cells that carries its name (0 hides it)
/// @param nodeGap space between node plates
/// @param clusterHeaderHeight height of a cluster's title line
/// @param clusterGap space after a cluster's last row
/// @param padding space around everything
public record HeatmapGeometry(
        int cellSize,
        int cellGap,
        int maxBlockColumns,
        int platePadding,
        int nodeLabelHeight,
        int nodeGap,
        int clusterHeaderHeight,
        int clusterGap,
        int padding) {

    /// Dense but readable at 1x: 14 px cells, node names shown.
    public static final HeatmapGeometry DEFAULT = new HeatmapGeometry(14, 2, 8, 3, 14, 8, 28, 10, 10);

    /// The cell sizes zooming steps through, smallest first; [#DEFAULT] is at 14.
    static final int[] ZOOM_STEPS = {2, 3, 4, 6, 8, 10, 14, 18, 24, 32, 48, 64};

    public HeatmapGeometry {
        if (cellSize < 1 || cellGap < 0 || maxBlockColumns < 1 || platePadding < 0 || nodeLabelHeight < 0
                || nodeGap < 0 || clusterHeaderHeight < 0 || clusterGap < 0 || padding < 0) {
            throw new IllegalArgumentException("heatmap sizes must be positive: " + this);
        }
    }

    /// [#DEFAULT] zoomed to cells of `size` pixels: small cells get thin gaps and lose the
    /// node-name strip (names are unreadable there, and 100,000 GPUs fit one screen at 2 px).
    public static HeatmapGeometry forCellSize(int size) {
        if (size == DEFAULT.cellSize()) {
            return DEFAULT;
        }
        if (size < 1) {
            throw new IllegalArgumentException("a cell needs at least 1 pixel, got " + size);
        }
        if (size < 8) {
            int gap = size < 4 ? 0 : 1;
            return new HeatmapGeometry(size, gap, 8, 1, 0, Math.max(1, size / 2), 24, 6, 6);
        }
        int label = size < 12 ? 0 : 14;
        return new HeatmapGeometry(size, Math.max(1, size / 7), 8, Math.max(2, size / 5), label,
                Math.max(4, size / 2), 28, 10, 10);
    }

    /// The next zoom step from `size` in `direction` (+1 larger, -1 smaller), clamped.
    public static int zoomStep(int size, int direction) {
        int index = 0;
        while (index < ZOOM_STEPS.length - 1 && ZOOM_STEPS[index] < size) {
            index++;
        }
        if (direction > 0 && ZOOM_STEPS[index] > size) {
            return ZOOM_STEPS[index];
        }
        return ZOOM_STEPS[Math.clamp(index + Integer.signum(direction), 0, ZOOM_STEPS.length - 1)];
    }

    /// Distance from one cell's left edge to the next one's.
    public int cellPitch() {
        return cellSize + cellGap;
    }

    /// The same geometry for a screen with `scale` device pixels per layout pixel.
    public HeatmapGeometry scaled(double scale) {
        if (scale == 1.0) {
            return this;
        }
        return new HeatmapGeometry(px(cellSize, scale, 1), px(cellGap, scale, 0), maxBlockColumns,
                px(platePadding, scale, 0), px(nodeLabelHeight, scale, 0), px(nodeGap, scale, 0),
                px(clusterHeaderHeight, scale, 0), px(clusterGap, scale, 0), px(padding, scale, 0));
    }

    private static int px(int value, double scale, int minimum) {
        return Math.max(minimum, (int) Math.round(value * scale));
    }
}
