package dev.gpufleet.views.device;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/// What the engine heatmap draws: `rows × columns` values (`NaN` = not reported), the newest
/// column at `newest` and each column `resolution` wide.
public record EngineFrame(int rows, int columns, Duration resolution, @Nullable Instant newest, double[] values) {

    public static EngineFrame empty(int rows, int columns, Duration resolution) {
        double[] blank = new double[rows * columns];
        java.util.Arrays.fill(blank, Double.NaN);
        return new EngineFrame(rows, columns, resolution, null, blank);
    }

    public double value(int row, int column) {
        return values[row * columns + column];
    }

    /// Whether any column of `row` has a value: a row that has none is "not reported".
    public boolean reported(int row) {
        for (int column = 0; column < columns; column++) {
            if (!Double.isNaN(value(row, column))) {
                return true;
            }
        }
        return false;
    }

    /// How far back the window reaches.
    public Duration span() {
        return resolution.multipliedBy(columns);
    }
}
