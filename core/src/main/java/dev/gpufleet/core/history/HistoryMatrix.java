package dev.gpufleet.core.history;

import dev.gpufleet.core.metrics.Metric;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/// A GPU × time block of one metric, read out of the history for a GPU × time heatmap: `rows`
/// GPUs (in the order asked for) by `columns` time buckets, row-major in one `float` array.
///
/// Bucket `c` covers `[from + c × bucket, from + (c+1) × bucket)`; its value is the mean of the
/// values reported in it, `NaN` when none was (the GPU was unknown, its exporter down, or the
/// metric not kept). `float` is enough for a colour and halves the memory of a 100k × 60 block.
///
/// Columns before `retainedFrom` lie before anything the history still keeps: they are `NaN`
/// because they are not retained, and a view should draw them as such (not as "no data"). In
/// the span only the coarse tier holds, a bucket's value comes from its coarse means.
public record HistoryMatrix(Metric metric, Instant from, Duration bucket, int rows, int columns, float[] values,
        int retainedFrom) {

    public HistoryMatrix {
        Objects.requireNonNull(metric, "metric");
        if (rows < 0 || columns < 0 || values.length != rows * columns) {
            throw new IllegalArgumentException(rows + " × " + columns + " cells do not fit " + values.length + " values");
        }
        if (retainedFrom < 0 || retainedFrom > columns) {
            throw new IllegalArgumentException("retainedFrom " + retainedFrom + " is not a column of " + columns);
        }
    }

    /// Whether the history still keeps (some of) column `column`'s span.
    public boolean retained(int column) {
        return column >= retainedFrom;
    }

    public float value(int row, int column) {
        return values[row * columns + column];
    }

    /// The start of bucket `column`.
    public Instant timeOf(int column) {
        return from.plus(bucket.multipliedBy(column));
    }

    /// Reads `metric` for `gpus` over the `columns` buckets of `bucketTicks` ticks that end with
    /// the tick `until` falls in.
    public static HistoryMatrix read(HistoryReader history, List<GpuKey> gpus, Metric metric, Instant until,
            int columns, int bucketTicks) {
        if (columns <= 0 || bucketTicks <= 0) {
            throw new IllegalArgumentException("a matrix needs at least one column of at least one tick, not "
                    + columns + " of " + bucketTicks);
        }
        long last = history.tickOf(until);
        long first = last - (long) columns * bucketTicks + 1;
        int retainedFrom = retainedFrom(history, first, columns, bucketTicks);
        long readFrom = first + (long) retainedFrom * bucketTicks;
        float[] values = new float[gpus.size() * columns];
        Arrays.fill(values, Float.NaN);
        double[] ticks = new double[columns * bucketTicks];
        for (int row = 0; row < gpus.size(); row++) {
            int slot = history.slotOf(gpus.get(row));
            if (slot < 0 || !history.tracks(metric) || retainedFrom == columns) {
                continue;
            }
            history.read(slot, metric, readFrom, last, ticks);
            for (int column = retainedFrom; column < columns; column++) {
                values[row * columns + column] = mean(ticks, (column - retainedFrom) * bucketTicks, bucketTicks);
            }
        }
        Duration bucket = history.config().resolution().multipliedBy(bucketTicks);
        return new HistoryMatrix(metric, history.timeOf(first), bucket, gpus.size(), columns, values, retainedFrom);
    }

    /// The first column whose span reaches the oldest retained tick (all of them past it before
    /// the first frame: nothing is retained then).
    private static int retainedFrom(HistoryReader history, long first, int columns, int bucketTicks) {
        long oldest = history.oldestRetainedTick();
        if (oldest == FleetHistory.NO_TICK) {
            return columns;
        }
        long column = Math.ceilDiv(oldest - first + 1, (long) bucketTicks) - 1;
        return (int) Math.clamp(column, 0, columns);
    }

    private static float mean(double[] ticks, int from, int count) {
        double sum = 0;
        int reported = 0;
        for (int i = from; i < from + count; i++) {
            if (!Double.isNaN(ticks[i])) {
                sum += ticks[i];
                reported++;
            }
        }
        return reported == 0 ? Float.NaN : (float) (sum / reported);
    }
}
