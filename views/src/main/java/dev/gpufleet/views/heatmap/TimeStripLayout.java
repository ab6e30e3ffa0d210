package dev.gpufleet.views.heatmap;

/// Where a time strip's rows and columns fall in pixels; pure arithmetic.
///
/// Either each row gets `rowHeight` ≥ 1 pixels, or, when there are more rows than pixels
/// ([#fit]), each pixel row stands for `rowsPerPixel` consecutive rows and shows their worst
/// (highest) value, so one hot GPU among thousands stays visible.
///
/// @param rows number of data rows
/// @param columns number of time buckets
/// @param rowHeight pixels per row (1 when rows are aggregated)
/// @param rowsPerPixel rows per pixel row (1 when rows are not aggregated)
/// @param columnWidth pixels per time bucket
public record TimeStripLayout(int rows, int columns, int rowHeight, int rowsPerPixel, int columnWidth) {

    public TimeStripLayout {
        if (rows < 0 || columns < 0 || rowHeight < 1 || rowsPerPixel < 1 || columnWidth < 1
                || rowHeight > 1 && rowsPerPixel > 1) {
            throw new IllegalArgumentException("invalid time strip layout: " + rows + " rows, " + columns
                    + " columns, row height " + rowHeight + ", rows per pixel " + rowsPerPixel
                    + ", column width " + columnWidth);
        }
    }

    /// Rows of `rowHeight` pixels, buckets of `columnWidth`.
    public static TimeStripLayout of(int rows, int columns, int rowHeight, int columnWidth) {
        return new TimeStripLayout(rows, columns, rowHeight, 1, columnWidth);
    }

    /// All `rows` in at most `heightPx` pixels: as tall as they can be, or aggregated.
    public static TimeStripLayout fit(int rows, int columns, int columnWidth, int heightPx) {
        int height = Math.max(1, heightPx);
        if (rows <= height) {
            return new TimeStripLayout(rows, columns, Math.max(1, rows == 0 ? 1 : height / rows), 1, columnWidth);
        }
        return new TimeStripLayout(rows, columns, 1, (rows + height - 1) / height, columnWidth);
    }

    public int width() {
        return columns * columnWidth;
    }

    /// Height in pixels of the whole strip.
    public int height() {
        return rowsPerPixel > 1 ? (rows + rowsPerPixel - 1) / rowsPerPixel : rows * rowHeight;
    }

    /// The first row pixel row `y` shows, or -1 outside.
    public int rowAt(int y) {
        if (y < 0 || y >= height()) {
            return -1;
        }
        return rowsPerPixel > 1 ? y * rowsPerPixel : y / rowHeight;
    }

    /// The bucket pixel column `x` shows, or -1 outside.
    public int columnAt(int x) {
        return x < 0 || x >= width() ? -1 : x / columnWidth;
    }

    /// Top pixel row of `row`.
    public int rowTop(int row) {
        return rowsPerPixel > 1 ? row / rowsPerPixel : row * rowHeight;
    }
}
