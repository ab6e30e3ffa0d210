package dev.gpufleet.core.history;

import dev.gpufleet.core.metrics.Metric;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/// How much history to keep: one sample per `resolution`, for `retention`, of `metrics`, in
/// at most `budget` bytes of arrays.
///
/// The defaults (10 s for 6 h) fit up to about 18,000 GPUs whole in the default budget; a
/// larger fleet keeps full resolution for a shorter recent window and coarser means for the
/// rest of the retention ([HistoryBudget#plan], [FleetHistory#retention()]).
public record HistoryConfig(Duration resolution, Duration retention, List<Metric> metrics, HistoryBudget budget) {

    public static final Duration DEFAULT_RESOLUTION = Duration.ofSeconds(10);
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(6);

    /// What the console charts by default: the heatmap's four (utilization, memory, power,
    /// temperature) and the profiling ratios that say whether a busy GPU does useful work.
    /// About ten bytes per GPU per sample.
    public static final List<Metric> DEFAULT_METRICS = List.of(
            Metric.GPU_UTIL, Metric.MEM_COPY_UTIL, Metric.FB_USED, Metric.POWER_USAGE,
            Metric.GPU_TEMP, Metric.SM_ACTIVE, Metric.PIPE_TENSOR_ACTIVE, Metric.DRAM_ACTIVE);

    /// A stale value is one more than this many resolutions old.
    public static final int STALE_AFTER_INTERVALS = 3;

    public HistoryConfig {
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(budget, "budget");
        metrics = List.copyOf(metrics);
        if (resolution.compareTo(Duration.ofSeconds(1)) < 0 || resolution.toMillis() % 1000 != 0) {
            // Whole seconds keep tick marks in ints for decades; telemetry comes in seconds anyway.
            throw new IllegalArgumentException("resolution must be whole seconds, got " + resolution);
        }
        if (retention.compareTo(resolution) < 0) {
            throw new IllegalArgumentException("retention " + retention + " is shorter than resolution " + resolution);
        }
        if (metrics.isEmpty() || metrics.stream().distinct().count() != metrics.size()) {
            throw new IllegalArgumentException("metrics must be non-empty and distinct: " + metrics);
        }
        if (retention.toMillis() / resolution.toMillis() > 1_000_000) {
            throw new IllegalArgumentException("more than a million samples per ring: " + retention + " at " + resolution);
        }
    }

    /// `resolution` for `retention` of `metrics` within [HistoryBudget#DEFAULT].
    public HistoryConfig(Duration resolution, Duration retention, List<Metric> metrics) {
        this(resolution, retention, metrics, HistoryBudget.DEFAULT);
    }

    /// 10 s resolution, 6 h retention, [#DEFAULT_METRICS], [HistoryBudget#DEFAULT].
    public static HistoryConfig defaults() {
        return new HistoryConfig(DEFAULT_RESOLUTION, DEFAULT_RETENTION, DEFAULT_METRICS);
    }

    /// This history within `next` bytes.
    public HistoryConfig withBudget(HistoryBudget next) {
        return new HistoryConfig(resolution, retention, metrics, next);
    }

    /// Samples per ring at full resolution over the whole retention: retention divided by
    /// resolution (what a fleet within the budget keeps; see [FleetHistory#retention()]).
    public int capacity() {
        return (int) (retention.toMillis() / resolution.toMillis());
    }

    public long resolutionMillis() {
        return resolution.toMillis();
    }
}
