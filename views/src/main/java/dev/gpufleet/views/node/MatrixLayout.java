package dev.gpufleet.views.node;

import org.jspecify.annotations.Nullable;

/// Where the cells of an `n`×`n` topology matrix lie: a header column and row of GPU names,
/// then square cells. Pure arithmetic, so pixel↔cell mapping is testable without a window.
///
/// @param size   the number of GPUs (rows and columns)
/// @param header width of the name column and height of the name row, in pixels
/// @param cell   side of one cell, in pixels
public record MatrixLayout(int size, double header, double cell) {

    public static final double MIN_CELL = 20;
    public static final double MAX_CELL = 64;
    public static final double HEADER = 48;

    /// One cell: row and column, both 0-based GPU positions.
    public record Cell(int row, int column) {
    }

    /// The layout that fits `size` GPUs into `width`×`height`, cells between [#MIN_CELL] and
    /// [#MAX_CELL].
    public static MatrixLayout fit(int size, double width, double height) {
        if (size <= 0) {
            return new MatrixLayout(0, HEADER, MIN_CELL);
        }
        double room = Math.min(width, height) - HEADER;
        double cell = Math.floor(Math.max(MIN_CELL, Math.min(MAX_CELL, room / size)));
        return new MatrixLayout(size, HEADER, cell);
    }

    /// The cell under pixel (`x`, `y`), or null outside the cells (headers included).
    public @Nullable Cell cellAt(double x, double y) {
        if (x < header || y < header) {
            return null;
        }
        int column = (int) Math.floor((x - header) / cell);
        int row = (int) Math.floor((y - header) / cell);
        return row < size && column < size ? new Cell(row, column) : null;
    }

    /// Left edge of `column`.
    public double x(int column) {
        return header + column * cell;
    }

    /// Top edge of `row`.
    public double y(int row) {
        return header + row * cell;
    }

    /// Width (and height) of the whole matrix with its headers.
    public double extent() {
        return header + size * cell;
    }
}
