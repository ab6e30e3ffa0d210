package dev.gpufleet.views.device;

import java.time.Duration;
import dev.gpufleet.views.format.MetricFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jspecify.annotations.Nullable;

/// What the engine heatmap draws: `rows × columns` values (`NaN` = not reported), the newest
/// column at `newest` and each column `resolution` wide.
public record EngineFrame(int rows, int columns, Duration resolution, @Nullable Instant newest, double[] values) {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

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

    /// When column `column` starts, or `null` before the first sample.
    public @Nullable Instant timeOf(int column) {
        return newest == null ? null : newest.minus(resolution.multipliedBy(columns - 1L - column));
    }

    /// The readout of cell `row * columns + column` for a person: row, time and value.
    public String describe(List<EngineRow> names, int cell) {
        int row = cell / columns;
        int column = cell % columns;
        if (cell < 0 || row >= rows || row >= names.size()) {
            return "";
        }
        Instant at = timeOf(column);
        String when = at == null ? "no samples yet" : CLOCK.format(at) + " UTC";
        return names.get(row).label() + " · " + when + " · " + MetricFormat.format(names.get(row).metric(),
                value(row, column));
    }

    /// How far back the window reaches.
    public Duration span() {
        return resolution.multipliedBy(columns);
    }
}
