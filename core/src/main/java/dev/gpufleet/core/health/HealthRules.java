package dev.gpufleet.core.health;

import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.telemetry.MigSample;
import dev.gpufleet.core.triage.TriageRules;
import dev.gpufleet.core.triage.TriageThresholds;
import java.util.List;

/// Health colours from one GPU's newest readings: the [TriageRules] verdict as a [Health]
/// (WATCH and DEGRADED show as WARNING), so the heatmap and `gpufleet triage` never disagree.
///
/// Deliberately conservative: only signals NVIDIA documents as needing action make a GPU
/// failing; application-side XIDs (e.g. 13, 31, 43) and heat only ask for a look. A GPU
/// with no readings at all is [Health#UNKNOWN], never healthy.
public final class HealthRules {

    /// The default GPU temperature that asks to watch ([TriageThresholds#gpuTempWatchCelsius()]).
    public static final double WARNING_TEMP_CELSIUS = TriageThresholds.defaults().gpuTempWatchCelsius();
    /// The default GPU temperature that fails a GPU ([TriageThresholds#gpuTempFailingCelsius()]).
    public static final double FAILING_TEMP_CELSIUS = TriageThresholds.defaults().gpuTempFailingCelsius();

    private HealthRules() {
    }

    /// The health under [TriageThresholds#defaults()].
    public static Health evaluate(MetricValues values, List<MigSample> mig) {
        return evaluate(values, mig, TriageThresholds.defaults());
    }

    /// The health under the given thresholds.
    public static Health evaluate(MetricValues values, List<MigSample> mig, TriageThresholds thresholds) {
        if (values.isEmpty() && mig.stream().allMatch(m -> m.values().isEmpty())) {
            return Health.UNKNOWN;
        }
        return TriageRules.worst(TriageRules.telemetry(values, mig, thresholds)).health();
    }
}
