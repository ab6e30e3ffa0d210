package dev.gpufleet.connectors.dcgm;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricScope;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.telemetry.MigSample;
import java.util.List;
import java.util.Map;

/// Turns series-name maps into core value rows, in the catalog's units ([Metric#fromWire]).
///
/// On a MIG-enabled card the exporter reports nothing for the whole GPU; device-wide fields
/// (temperature, power, energy, clocks, XID, ECC, row remapping, violations) come once per
/// instance with the same value, so the GPU takes them from its first instance that has
/// them — summing would multiply them. Framebuffer partitions are disjoint, so the GPU's
/// used/free/reserved memory is the sum over instances. Utilizations and profiling ratios
/// belong to instances and are not lifted. Which is which is the catalog's [Metric#scope()].
final class DcgmProjection {

    private DcgmProjection() {
    }

    /// A fresh row with every known field of `metrics`; the rest stay `NaN`.
    static double[] valuesOf(Map<String, Double> metrics) {
        double[] values = MetricValues.blankArray();
        for (Map.Entry<String, Double> series : metrics.entrySet()) {
            Metric.byField(series.getKey())
                    .ifPresent(metric -> values[metric.ordinal()] = metric.fromWire(series.getValue()));
        }
        return values;
    }

    /// Fills fields the GPU did not report from its MIG instances, as described above.
    static void completeFromInstances(double[] values, List<MigSample> instances) {
        if (instances.isEmpty()) {
            return;
        }
        for (Metric metric : Metric.values()) {
            if (metric.scope() != MetricScope.DEVICE || !Double.isNaN(values[metric.ordinal()])) {
                continue;
            }
            for (MigSample instance : instances) {
                double value = instance.values().get(metric);
                if (!Double.isNaN(value)) {
                    values[metric.ordinal()] = value;
                    break;
                }
            }
        }
        for (Metric metric : Metric.values()) {
            if (metric.scope() == MetricScope.PARTITIONED && Double.isNaN(values[metric.ordinal()])) {
                values[metric.ordinal()] = sum(instances, metric);
            }
        }
    }

    /// Sum over the instances that report `metric`; `NaN` when none does.
    private static double sum(List<MigSample> instances, Metric metric) {
        double total = Double.NaN;
        for (MigSample instance : instances) {
            double value = instance.values().get(metric);
            if (!Double.isNaN(value)) {
                total = Double.isNaN(total) ? value : total + value;
            }
        }
        return total;
    }
}
