package dev.gpufleet.core.health;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.telemetry.MigSample;
import java.util.List;
import java.util.Set;

/// First-pass health verdicts from one GPU's newest readings.
///
/// Deliberately conservative: only signals NVIDIA documents as needing action make a GPU
/// failing; application-side XIDs (e.g. 13, 31, 43) and heat only ask for a look.
public final class HealthRules {

    /// XIDs that NVIDIA's catalog says need a reset, a drain or an RMA.
    private static final Set<Integer> FAILING_XIDS =
            Set.of(48, 61, 62, 63, 64, 74, 79, 92, 94, 95, 119, 120);

    public static final double WARNING_TEMP_CELSIUS = 85;
    public static final double FAILING_TEMP_CELSIUS = 95;

    private HealthRules() {
    }

    public static Health evaluate(MetricValues values, List<MigSample> mig) {
        if (values.isEmpty() && mig.stream().allMatch(m -> m.values().isEmpty())) {
            return Health.UNKNOWN;
        }
        Health health = evaluateRow(values);
        for (MigSample instance : mig) {
            health = health.worst(evaluateRow(instance.values()));
        }
        return health;
    }

    private static Health evaluateRow(MetricValues values) {
        Health health = Health.HEALTHY;
        double xid = values.get(Metric.XID_ERRORS);
        if (xid > 0) {
            health = health.worst(FAILING_XIDS.contains((int) xid) ? Health.FAILING : Health.WARNING);
        }
        if (values.get(Metric.ECC_DBE_VOL) > 0 || values.get(Metric.ROW_REMAP_FAILURE) > 0) {
            health = Health.FAILING;
        }
        if (values.get(Metric.UNCORRECTABLE_REMAPPED_ROWS) > 0) {
            health = health.worst(Health.WARNING);
        }
        double temperature = values.get(Metric.GPU_TEMP);
        if (temperature >= FAILING_TEMP_CELSIUS) {
            health = Health.FAILING;
        } else if (temperature >= WARNING_TEMP_CELSIUS) {
            health = health.worst(Health.WARNING);
        }
        return health;
    }
}
