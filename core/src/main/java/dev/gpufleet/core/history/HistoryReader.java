package dev.gpufleet.core.history;

import dev.gpufleet.core.metrics.CounterRates;
import dev.gpufleet.core.metrics.Metric;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/// The read side of [FleetHistory]: what a chart or a report may ask, and nothing that
/// changes it. See [FleetHistory] for ticks, slots and `NaN`.
public interface HistoryReader {

    HistoryConfig config();

    /// The rings' shape now: the full-resolution window and any coarse tier ([Retention]).
    Retention retention();

    boolean tracks(Metric metric);

    long tickOf(Instant time);

    Instant timeOf(long tick);

    long newestTick();

    long oldestTick();

    /// The oldest tick that holds anything recorded (a young history is shorter than its
    /// window), or `NO_TICK` before the first frame.
    long oldestRecordedTick();

    /// The oldest tick any tier still holds (further back than [#oldestTick()] when there is a
    /// coarse tier), or `NO_TICK` before the first frame.
    long oldestRetainedTick();

    /// Whether some tier holds `tick`: a tick outside answers `NaN` because it is not retained,
    /// not because nothing was reported.
    boolean retains(long tick);

    int slotOf(GpuKey key);

    Optional<GpuKey> keyOf(int slot);

    int gpuCount();

    double valueAt(int slot, Metric metric, long tick);

    /// The newest tick `metric` was reported at for `slot`, or `NO_TICK`.
    long lastReportedTick(int slot, Metric metric);

    /// Copies the values for ticks `from..to` (inclusive) into `into[0..]`, `NaN` where nothing
    /// was reported or nothing is retained, and returns how many it wrote (`to - from + 1`, 0
    /// when `to < from`).
    ///
    /// @throws IllegalArgumentException when `into` is too short
    default int read(int slot, Metric metric, long from, long to, double[] into) {
        int count = span(from, to, into);
        for (int i = 0; i < count; i++) {
            into[i] = valueAt(slot, metric, from + i);
        }
        return count;
    }

    /// [#read(int, Metric, long, long, double[])] for the ticks that `from` and `to` fall in.
    default int read(int slot, Metric metric, Instant from, Instant to, double[] into) {
        return read(slot, metric, tickOf(from), tickOf(to), into);
    }

    /// For a counter, the per-second rate into each tick `from..to` from the tick before it
    /// (resets handled as [CounterRates] does); `NaN` where either reading is missing or only
    /// the coarse tier holds it (a mean of counter readings has no rate).
    default int readRates(int slot, Metric metric, long from, long to, double[] into) {
        int count = span(from, to, into);
        double seconds = config().resolutionMillis() / 1000.0;
        double previous = fineValueAt(slot, metric, from - 1);
        for (int i = 0; i < count; i++) {
            double current = fineValueAt(slot, metric, from + i);
            into[i] = CounterRates.perSecondOver(previous, current, seconds, CounterRates.Reset.FROM_ZERO);
            previous = current;
        }
        return count;
    }

    /// The newest reported value of `metric` for `slot` still held at full resolution, or `NaN`.
    default double latest(int slot, Metric metric) {
        long tick = lastReportedTick(slot, metric);
        return tick == FleetHistory.NO_TICK ? Double.NaN : fineValueAt(slot, metric, tick);
    }

    /// How old the newest reported value is at `now` (from the start of its tick); empty if
    /// there is none.
    default Optional<Duration> age(int slot, Metric metric, Instant now) {
        long tick = lastReportedTick(slot, metric);
        return tick == FleetHistory.NO_TICK ? Optional.empty() : Optional.of(Duration.between(timeOf(tick), now));
    }

    /// Whether there is no value, or the newest is more than
    /// [HistoryConfig#STALE_AFTER_INTERVALS] ticks older than the tick of `now`.
    default boolean isStale(int slot, Metric metric, Instant now) {
        long tick = lastReportedTick(slot, metric);
        return tick == FleetHistory.NO_TICK || tickOf(now) - tick > HistoryConfig.STALE_AFTER_INTERVALS;
    }

    /// [#valueAt] at full resolution only: `NaN` for ticks only the coarse tier holds.
    private double fineValueAt(int slot, Metric metric, long tick) {
        long oldest = oldestTick();
        return oldest == FleetHistory.NO_TICK || tick < oldest ? Double.NaN : valueAt(slot, metric, tick);
    }

    private static int span(long from, long to, double[] into) {
        if (to < from) {
            return 0;
        }
        long count = to - from + 1;
        if (count > into.length) {
            throw new IllegalArgumentException(
                    "ticks " + from + ".." + to + " need " + count + " cells, the array has " + into.length);
        }
        return (int) count;
    }
}
