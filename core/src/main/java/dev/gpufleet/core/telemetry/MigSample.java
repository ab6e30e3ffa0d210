package dev.gpufleet.core.telemetry;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.PodRef;
import java.util.List;

/// One MIG instance's readings: its GPU instance id (`GPU_I_ID`), profile (`GPU_I_PROFILE`,
/// e.g. `1g.10gb`), values and the pods the exporter attributes to it.
public record MigSample(int gpuInstanceId, String profile, MetricValues values, List<PodRef> pods) {

    public MigSample {
        pods = List.copyOf(pods);
    }

    /// A MIG card's utilization as the console shows it: the mean graphics-engine activity of
    /// its instances, in percent; `NaN` when no instance reports it. (dcgm-exporter sends no
    /// whole-GPU utilization for a MIG card.)
    public static double meanUtilizationPercent(List<MigSample> instances) {
        double sum = 0;
        int reported = 0;
        for (MigSample instance : instances) {
            double active = instance.values().get(Metric.GR_ENGINE_ACTIVE);
            if (!Double.isNaN(active)) {
                sum += active * 100.0;
                reported++;
            }
        }
        return reported == 0 ? Double.NaN : sum / reported;
    }
}
