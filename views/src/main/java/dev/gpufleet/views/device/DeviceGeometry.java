package dev.gpufleet.views.device;

/// Where everything of the device view sits, in device pixels, and the reverse: which slice,
/// block or heatmap cell a point falls in. Pure arithmetic, so it is tested without a window.
///
/// Top: the slice panel — a compute row over a memory row, `sliceColumns` equal columns
/// wide. Below it: the engine heatmap, `rows × columns` cells. Both start right of a gutter
/// that holds their row labels, so a slice and the heatmap share their left edge.
///
/// @param width        drawing width
/// @param height       drawing height
/// @param scale        device pixels per layout pixel (2 on a HiDPI screen)
/// @param sliceColumns columns of the slice panel
/// @param rows         heatmap rows
/// @param columns      heatmap columns (time)
public record DeviceGeometry(int width, int height, double scale, int sliceColumns, int rows, int columns) {

    static final int PAD = 12;
    static final int GUTTER = 128;
    static final int SLICE_HEIGHT = 64;
    static final int ROW_GAP = 4;
    /// Between the slice panel and the heatmap: room for the heatmap's caption.
    static final int PANEL_GAP = 34;
    /// Below the heatmap: room for the time axis.
    static final int AXIS_HEIGHT = 20;
    static final int MIN_ROW = 10;
    static final int MAX_ROW = 34;

    public DeviceGeometry {
        if (sliceColumns < 1 || rows < 1 || columns < 1 || scale <= 0) {
            throw new IllegalArgumentException("a device view needs slices, rows, columns and a scale");
        }
    }

    private int px(int layoutPixels) {
        return (int) Math.round(layoutPixels * scale);
    }

    /// Left edge of slices and cells.
    public int left() {
        return px(PAD + GUTTER);
    }

    /// Width of the slice panel and the heatmap (at least one pixel per column).
    public int innerWidth() {
        return Math.max(Math.max(sliceColumns, columns), width - left() - px(PAD));
    }

    public int computeY() {
        return px(PAD);
    }

    public int sliceHeight() {
        return px(SLICE_HEIGHT);
    }

    public int memoryY() {
        return computeY() + sliceHeight() + px(ROW_GAP);
    }

    /// Left edge of slice column `column` (`sliceColumns` gives the right edge of the last).
    public int sliceX(int column) {
        return left() + (int) ((long) column * innerWidth() / sliceColumns);
    }

    public int heatmapY() {
        return memoryY() + sliceHeight() + px(PANEL_GAP);
    }

    public int rowHeight() {
        int available = height - heatmapY() - px(AXIS_HEIGHT + PAD);
        return Math.clamp(available / rows, px(MIN_ROW), px(MAX_ROW));
    }

    /// Bottom edge of the heatmap.
    public int heatmapBottom() {
        return heatmapY() + rows * rowHeight();
    }

    public int cellX(int column) {
        return left() + (int) ((long) column * innerWidth() / columns);
    }

    public int cellY(int row) {
        return heatmapY() + row * rowHeight();
    }

    /// Width of cell column `column` in pixels.
    public int cellWidth(int column) {
        return cellX(column + 1) - cellX(column);
    }

    /// The heatmap cell under `(x, y)` as `row * columns + column`, or -1.
    public int cellAt(int x, int y) {
        if (x < left() || x >= left() + innerWidth() || y < heatmapY() || y >= heatmapBottom()) {
            return -1;
        }
        int row = (y - heatmapY()) / rowHeight();
        return row * columns + columnAt(x, columns, this::cellX);
    }

    /// The slice column under `x` in the slice panel, or -1 (also -1 between the rows).
    public int sliceAt(int x, int y) {
        boolean inRow = y >= computeY() && y < computeY() + sliceHeight()
                || y >= memoryY() && y < memoryY() + sliceHeight();
        if (!inRow || x < left() || x >= left() + innerWidth()) {
            return -1;
        }
        return columnAt(x, sliceColumns, this::sliceX);
    }

    /// Whether `y` is in the memory row (else the compute row).
    public boolean inMemoryRow(int y) {
        return y >= memoryY() && y < memoryY() + sliceHeight();
    }

    /// The index in `picture`'s blocks of the block drawn under `(x, y)`, or -1.
    public int blockAt(DevicePicture picture, int x, int y) {
        int column = sliceAt(x, y);
        if (column < 0) {
            return -1;
        }
        boolean memory = inMemoryRow(y);
        for (int i = 0; i < picture.blocks().size(); i++) {
            DeviceBlock block = picture.blocks().get(i);
            int start = memory ? block.memoryStart() : block.computeStart();
            int span = memory ? block.memorySlices() : block.computeSlices();
            if (column >= start && column < start + span) {
                return i;
            }
        }
        return -1;
    }

    private interface Edge {
        int at(int column);
    }

    /// The column whose `[edge(c), edge(c + 1))` holds `x`: an estimate, then corrected for
    /// the rounding of the edges.
    private static int columnAt(int x, int count, Edge edge) {
        int column = Math.clamp((long) (x - edge.at(0)) * count / Math.max(1, edge.at(count) - edge.at(0)), 0,
                count - 1);
        while (column + 1 < count && edge.at(column + 1) <= x) {
            column++;
        }
        while (column > 0 && edge.at(column) > x) {
            column--;
        }
        return column;
    }
}
