package dev.gpufleet.views.details;

import dev.gpufleet.core.health.HealthRules;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.triage.XidCatalog;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import dev.gpufleet.views.format.MetricFormat;
import java.util.ArrayList;
import java.util.List;

/// Says *why* a GPU has its health verdict, in words, from the same signals
/// [HealthRules] judges (XID, uncorrectable ECC, row remapping, temperature).
///
/// Core gives the verdict but not its reasons; this mirrors the rule inputs so the panel can
/// explain. (A `HealthRules.explain` in core would remove the duplication.)
public final class HealthReasons {

    private HealthReasons() {
    }

    /// One sentence per finding; for a healthy GPU a single reassuring line.
    public static List<String> explain(GpuSnapshot gpu, NodeSnapshot node) {
        if (!gpu.hasTelemetry()) {
            String problem = node.telemetryProblem();
            return List.of("No telemetry for this GPU"
                    + (problem == null ? " yet — its node's exporter has not been read." : ": " + problem));
        }
        List<String> reasons = new ArrayList<>(findings(gpu.values(), ""));
        for (MigSample instance : gpu.mig()) {
            reasons.addAll(findings(instance.values(), "MIG " + instance.gpuInstanceId() + ": "));
        }
        if (reasons.isEmpty()) {
            reasons.add(gpu.health() == Health.HEALTHY
                    ? "No XID, ECC, row-remap or temperature problems in the latest reading."
                    : "Health is " + gpu.health().name() + ".");
        }
        return reasons;
    }

    /// `1 row`, `3 rows`: the count with its noun in the right number.
    static String count(double value, String noun) {
        return MetricFormat.decimal(value, 0) + " " + noun + (value == 1 ? "" : "s");
    }

    private static List<String> findings(MetricValues values, String prefix) {
        List<String> found = new ArrayList<>();
        double xid = values.get(Metric.XID_ERRORS);
        if (xid > 0) {
            // The same catalog as triage, so the details panel and the triage verdict say one thing.
            int code = (int) xid;
            found.add(prefix + XidCatalog.lookup(code)
                    .map(info -> XidCatalog.describe(code) + ": " + info.action().description() + ".")
                    .orElse(XidCatalog.describe(code) + " — open Triage for what is known of it."));
        }
        double dbe = values.get(Metric.ECC_DBE_VOL);
        if (dbe > 0) {
            found.add(prefix + count(dbe, "uncorrectable (double-bit) ECC error") + " since boot.");
        }
        if (values.get(Metric.ROW_REMAP_FAILURE) > 0) {
            found.add(prefix + "Row remapping failed — the GPU needs a reset, and an RMA if it recurs.");
        }
        double remapped = values.get(Metric.UNCORRECTABLE_REMAPPED_ROWS);
        if (remapped > 0) {
            found.add(prefix + count(remapped, "row") + " remapped after uncorrectable errors.");
        }
        double temperature = values.get(Metric.GPU_TEMP);
        if (temperature >= HealthRules.FAILING_TEMP_CELSIUS) {
            found.add(prefix + "Temperature " + MetricFormat.format(Metric.GPU_TEMP, temperature) + " is at or above "
                    + MetricFormat.decimal(HealthRules.FAILING_TEMP_CELSIUS, 0) + " °C — check cooling.");
        } else if (temperature >= HealthRules.WARNING_TEMP_CELSIUS) {
            found.add(prefix + "Temperature " + MetricFormat.format(Metric.GPU_TEMP, temperature) + " is at or above "
                    + MetricFormat.decimal(HealthRules.WARNING_TEMP_CELSIUS, 0) + " °C.");
        }
        return found;
    }
}
