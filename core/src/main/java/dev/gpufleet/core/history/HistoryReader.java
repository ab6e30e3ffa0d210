package dev.gpufleet.core.history;

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

    int read(int slot, Metric metric, long from, long to, double[] into);

    int read(int slot, Metric metric, Instant from, Instant to, double[] into);

    int readRates(int slot, Metric metric, long from, long to, double[] into);

    long lastReportedTick(int slot, Metric metric);

    double latest(int slot, Metric metric);

    Optional<Duration> age(int slot, Metric metric, Instant now);

    boolean isStale(int slot, Metric metric, Instant now);
}
