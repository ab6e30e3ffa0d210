package dev.gpufleet.core.store;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.telemetry.MigSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/// One GPU as the console shows it: identity, health, newest readings and the pods on it.
///
/// A GPU known only from the node's inventory (no telemetry yet, or an exporter that is down)
/// has a `null` uuid and `sampledAt`, empty values and [Health#UNKNOWN].
public record GpuSnapshot(
        int index,
        @Nullable String uuid,
        @Nullable String model,
        Health health,
        MetricValues values,
        @Nullable Instant sampledAt,
        List<MigSample> mig,
        List<PodRef> pods) {

    public GpuSnapshot {
        mig = List.copyOf(mig);
        pods = List.copyOf(pods);
    }

    public boolean hasTelemetry() {
        return sampledAt != null;
    }

    /// Whether the newest reading is older than `maxAge` at `now` (always true without one).
    public boolean isStale(Instant now, Duration maxAge) {
        return sampledAt == null || sampledAt.plus(maxAge).isBefore(now);
    }

    public double value(Metric metric) {
        return values.get(metric);
    }

    /// Utilization for display: the GPU's own, or for a MIG card the mean of its instances'
    /// graphics-engine activity, or `NaN` when nothing says.
    public double utilizationPercent() {
        double own = values.get(Metric.GPU_UTIL);
        return !Double.isNaN(own) || mig.isEmpty() ? own : MigSample.meanUtilizationPercent(mig);
    }
}
