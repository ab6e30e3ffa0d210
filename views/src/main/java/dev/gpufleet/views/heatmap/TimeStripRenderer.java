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
        target.clear();
        int width = Math.min(target.width(), layout.width() - target.originX());
        if (width <= 0) {
            return;
        }
        ensureRow(layout.width(), layout.columns());
        int top = Math.max(0, target.originY());
        int bottom = Math.min(layout.height(), target.originY() + target.height());
        int lastRow = -1;
        for (int y = top; y < bottom; y++) {
            int row = layout.rowAt(y);
            if (row != lastRow) {
                rowPixels(layout, data, row);
                lastRow = row;
            }
            target.copyRow(y - target.originY(), rowColors, target.originX(), width);
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
        for (int c = 0; c < columns; c++) {
            int color = color(rowMax[c]);
            if (w == 1) {
                rowColors[c] = color;
            } else {
                Arrays.fill(rowColors, c * w, c * w + w, color);
            }
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
