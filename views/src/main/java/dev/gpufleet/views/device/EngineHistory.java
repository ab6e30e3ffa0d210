package dev.gpufleet.views.device;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/// A bounded ring of one GPU's engine rows over time: `columns` ticks of `resolution` each,
/// the newest at the right. A tick nobody reported reads `NaN` ("not reported"), never zero;
/// a later value in the same tick replaces an earlier one.
///
/// Not thread-safe: the device view model writes and reads it on the FX thread.
public final class EngineHistory {

    private final int rows;
    private final int columns;
    private final long resolutionMillis;
    private final double[] values;
    private final long[] tickOfPosition;
    private long newestTick = Long.MIN_VALUE;

    public EngineHistory(int rows, int columns, Duration resolution) {
        if (rows < 1 || columns < 1 || resolution.toMillis() < 1) {
            throw new IllegalArgumentException("an engine history needs rows, columns and a resolution");
        }
        this.rows = rows;
        this.columns = columns;
        this.resolutionMillis = resolution.toMillis();
        this.values = new double[rows * columns];
        this.tickOfPosition = new long[columns];
        clear();
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public Duration resolution() {
        return Duration.ofMillis(resolutionMillis);
    }

    /// Forgets everything.
    public void clear() {
        Arrays.fill(values, Double.NaN);
        Arrays.fill(tickOfPosition, Long.MIN_VALUE);
        newestTick = Long.MIN_VALUE;
    }

    public long tickOf(Instant time) {
        return Math.floorDiv(time.toEpochMilli(), resolutionMillis);
    }

    public Instant timeOf(long tick) {
        return Instant.ofEpochMilli(tick * resolutionMillis);
    }

    /// The newest tick written, or `Long.MIN_VALUE` when empty.
    public long newestTick() {
        return newestTick;
    }

    /// Records `rowValues` (one per row, `NaN` for not reported) at `time`; values older than
    /// the window are dropped. Moving the window forward clears the ticks it passes.
    public void record(Instant time, double[] rowValues) {
        if (rowValues.length != rows) {
            throw new IllegalArgumentException("expected " + rows + " row values, got " + rowValues.length);
        }
        long tick = tickOf(time);
        for (int row = 0; row < rows; row++) {
            put(tick, row, rowValues[row]);
        }
    }

    /// Writes one cell (seeding from stored history); `NaN` leaves what is there.
    public void put(long tick, int row, double value) {
        if (newestTick != Long.MIN_VALUE && tick <= newestTick - columns) {
            return;
        }
        if (tick > newestTick) {
            newestTick = tick;
        }
        int position = (int) Math.floorMod(tick, (long) columns);
        if (tickOfPosition[position] != tick) {
            tickOfPosition[position] = tick;
            Arrays.fill(values, position * rows, position * rows + rows, Double.NaN);
        }
        if (!Double.isNaN(value)) {
            values[position * rows + row] = value;
        }
    }

    /// The value of `row` in `column` (0 = oldest tick of the window, `columns - 1` = newest).
    public double valueAt(int row, int column) {
        if (newestTick == Long.MIN_VALUE) {
            return Double.NaN;
        }
        long tick = newestTick - (columns - 1 - column);
        int position = (int) Math.floorMod(tick, (long) columns);
        return tickOfPosition[position] == tick ? values[position * rows + row] : Double.NaN;
    }

    /// An immutable copy for drawing, `values[row * columns + column]`.
    public EngineFrame frame() {
        double[] copy = new double[rows * columns];
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                copy[row * columns + column] = valueAt(row, column);
            }
        }
        Instant newest = newestTick == Long.MIN_VALUE ? null : timeOf(newestTick);
        return new EngineFrame(rows, columns, resolution(), newest, copy);
    }
}
