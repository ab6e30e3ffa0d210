package dev.gpufleet.views.heatmap;

import java.util.Arrays;

/// Draws a [TimeStripData] laid out by a [TimeStripLayout] into a [PixelTarget]; pure, no JavaFX.
///
/// Only the pixel rows inside the target are visited. Colours come from a lookup table of the
/// scale ([#LUT_SIZE] entries over its range, nearest entry), so a cell costs an array read, not
/// a search through the scale's stops; a threshold scale's steps land within one entry
/// (0.1 °C for temperature) of where the scale puts them. `NaN` buckets get `noDataColor`.
public final class TimeStripRenderer {

    static final int LUT_SIZE = 1024;

    private final ColorScale scale;
    private final int[] lut = new int[LUT_SIZE];
    private final float min;
    private final float stepsPerUnit;
    private final int noDataColor;
    private int[] rowColors = new int[0];
    private float[] rowMax = new float[0];

    /// A renderer for values coloured by `scale`; `noDataColor` is premultiplied ARGB.
    public TimeStripRenderer(ColorScale scale, int noDataColor) {
        this.scale = scale;
        this.noDataColor = noDataColor;
        this.min = (float) scale.min();
        this.stepsPerUnit = (float) ((LUT_SIZE - 1) / (scale.max() - scale.min()));
        for (int i = 0; i < LUT_SIZE; i++) {
            lut[i] = scale.argb(scale.min() + (scale.max() - scale.min()) * i / (LUT_SIZE - 1));
        }
    }

    public ColorScale scale() {
        return scale;
    }

    /// The colour the strip gives `value`.
    public int color(float value) {
        if (Float.isNaN(value)) {
            return noDataColor;
        }
        int index = (int) ((value - min) * stepsPerUnit + 0.5f);
        return lut[Math.clamp(index, 0, LUT_SIZE - 1)];
    }

    /// Fills `target` (whose origin is a point of the strip) from `data`.
    public void render(PixelTarget target, TimeStripLayout layout, TimeStripData data) {
        if (layout.rows() != data.rows() || layout.columns() != data.columns()) {
            throw new IllegalArgumentException("the layout is for " + layout.rows() + " x " + layout.columns()
                    + ", the data is " + data.rows() + " x " + data.columns());
        }
        int originX = Math.max(0, target.originX());
        int originY = target.originY();
        int width = Math.clamp(layout.width() - originX, 0, target.width());
        int top = Math.max(0, originY);
        int bottom = Math.min(layout.height(), originY + target.height());
        if (width < target.width() || top > originY || bottom < originY + target.height() || target.originX() < 0) {
            target.clear();
        }
        if (width == 0 || bottom <= top) {
            return;
        }
        ensureRow(layout.width(), layout.columns());
        int[] out = target.pixels();
        boolean direct = layout.columnWidth() == 1 && layout.rowsPerPixel() == 1 && target.originX() == 0;
        int lastRow = -1;
        int lastOffset = 0;
        for (int y = top; y < bottom; y++) {
            int offset = (y - originY) * target.width();
            int row = layout.rowAt(y);
            if (row == lastRow) {
                System.arraycopy(out, lastOffset, out, offset, width);
                continue;
            }
            if (direct) {
                colorsInto(data.values(), row * layout.columns(), out, offset, width);
            } else {
                rowPixels(layout, data, row);
                System.arraycopy(rowColors, originX, out, offset, width);
            }
            lastRow = row;
            lastOffset = offset;
        }
    }

    /// Colours `length` values from `values[from..]` straight into `out[to..]`.
    private void colorsInto(float[] values, int from, int[] out, int to, int length) {
        int[] table = lut;
        float base = min;
        float k = stepsPerUnit;
        int last = LUT_SIZE - 1;
        for (int c = 0; c < length; c++) {
            float v = values[from + c];
            out[to + c] = v != v ? noDataColor : table[Math.clamp((int) ((v - base) * k + 0.5f), 0, last)];
        }
    }

    /// One pixel row's colours, `columnWidth` copies per bucket, into `rowColors`.
    private void rowPixels(TimeStripLayout layout, TimeStripData data, int row) {
        int columns = layout.columns();
        int end = Math.min(data.rows(), row + layout.rowsPerPixel());
        float[] values = data.values();
        if (end - row == 1) {
            System.arraycopy(values, row * columns, rowMax, 0, columns);
        } else {
            Arrays.fill(rowMax, 0, columns, Float.NaN);
            for (int r = row; r < end; r++) {
                int base = r * columns;
                for (int c = 0; c < columns; c++) {
                    float v = values[base + c];
                    if (!(v <= rowMax[c])) {
                        rowMax[c] = Float.isNaN(v) ? rowMax[c] : v;
                    }
                }
            }
        }
        int w = layout.columnWidth();
        if (w == 1) {
            colorsInto(rowMax, 0, rowColors, 0, columns);
            return;
        }
        for (int c = 0; c < columns; c++) {
            Arrays.fill(rowColors, c * w, c * w + w, color(rowMax[c]));
        }
    }

    private void ensureRow(int width, int columns) {
        if (rowColors.length < width) {
            rowColors = new int[width];
        }
        if (rowMax.length < columns) {
            rowMax = new float[columns];
        }
    }
}
