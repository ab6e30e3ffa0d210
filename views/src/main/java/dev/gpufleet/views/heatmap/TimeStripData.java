package dev.gpufleet.views.heatmap;

import java.util.Arrays;

/// The input of a GPU × time strip: one `float` per (row, column) in one flat row-major array.
///
/// **Format.** `values[row * columns + column]` is row `row`'s reading in time bucket `column`.
/// Rows are GPUs in heatmap order (row `i` is ordinal `i` of the [HeatmapFrame] the strip sits
/// beside); columns are equal time buckets, oldest at column 0, newest at `columns - 1`.
/// `NaN` means no reading in that bucket. The array is used as given, not copied, so a
/// producer can refill it in place and redraw (the strip reads it only while rendering, on the
/// FX thread); 100,000 GPUs × 60 buckets is 24 MB.
public final class TimeStripData {

    private final float[] values;
    private final int rows;
    private final int columns;

    /// Wraps `values` (not copied) as `rows` × `columns`.
    public TimeStripData(float[] values, int rows, int columns) {
        if (rows < 0 || columns < 0) {
            throw new IllegalArgumentException("a time strip needs rows, columns >= 0, got " + rows + " x " + columns);
        }
        if ((long) rows * columns != values.length) {
            throw new IllegalArgumentException("a " + rows + " x " + columns + " time strip needs "
                    + (long) rows * columns + " values, got " + values.length);
        }
        this.values = values;
        this.rows = rows;
        this.columns = columns;
    }

    /// A strip of `rows` × `columns` buckets, all without readings.
    public static TimeStripData blank(int rows, int columns) {
        float[] values = new float[Math.multiplyExact(rows, columns)];
        Arrays.fill(values, Float.NaN);
        return new TimeStripData(values, rows, columns);
    }

    /// Copies a ragged-free `float[row][column]` array into the flat form.
    public static TimeStripData of(float[][] byRow) {
        int columns = byRow.length == 0 ? 0 : byRow[0].length;
        float[] values = new float[Math.multiplyExact(byRow.length, columns)];
        for (int row = 0; row < byRow.length; row++) {
            if (byRow[row].length != columns) {
                throw new IllegalArgumentException("row " + row + " has " + byRow[row].length
                        + " columns, row 0 has " + columns);
            }
            System.arraycopy(byRow[row], 0, values, row * columns, columns);
        }
        return new TimeStripData(values, byRow.length, columns);
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public float value(int row, int column) {
        return values[row * columns + column];
    }

    public void set(int row, int column, float value) {
        values[row * columns + column] = value;
    }

    /// The backing array, for producers that fill it in place.
    public float[] values() {
        return values;
    }
}
