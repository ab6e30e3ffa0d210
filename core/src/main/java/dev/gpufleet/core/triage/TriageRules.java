package dev.gpufleet.core.triage;

import static dev.gpufleet.core.triage.Evidence.Source.TELEMETRY;

import dev.gpufleet.core.metrics.ClockThrottleReason;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.telemetry.MigSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/// The rules that judge one GPU's newest readings: XID, ECC, retired pages, row remapping,
/// temperatures, throttling, PCIe and NVLink errors. The heatmap's colours
/// ([dev.gpufleet.core.health.HealthRules]) and the triage verdict ([Triage]) both come from
/// here, so they cannot disagree about what the telemetry says.
///
/// Readings that are not reported (`NaN`) give no evidence, never a healthy one.
public final class TriageRules {

    private TriageRules() {
    }

    /// The evidence in a GPU's readings and those of its MIG instances.
    public static List<Evidence> telemetry(MetricValues values, List<MigSample> mig, TriageThresholds limits) {
        List<Evidence> found = new ArrayList<>();
        readings(values, limits, found);
        for (MigSample instance : mig) {
            List<Evidence> own = new ArrayList<>();
            readings(instance.values(), limits, own);
            for (Evidence evidence : own) {
                if (!found.contains(evidence)) {
                    found.add(evidence);
                }
            }
        }
        return found;
    }

    /// The worst severity among `evidence` (HEALTHY when there is none).
    public static Verdict worst(List<Evidence> evidence) {
        Verdict worst = Verdict.HEALTHY;
        for (Evidence item : evidence) {
            worst = worst.worst(item.severity());
        }
        return worst;
    }

    private static void readings(MetricValues values, TriageThresholds limits, List<Evidence> found) {
        xid(values.get(Metric.XID_ERRORS), found);
        ecc(values, limits, found);
        memoryRepair(values, limits, found);
        temperatures(values, limits, found);
        throttling(values, found);
        links(values, limits, found);
    }

    private static void xid(double xid, List<Evidence> found) {
        if (xid > 0 && xid == Math.rint(xid) && xid <= Integer.MAX_VALUE) {
            int code = (int) xid;
            String what = xidWhat(code);
            found.add(new Evidence(XidCatalog.severity(code), null, what, String.valueOf(code), null, TELEMETRY,
                    XidCatalog.action(code)));
        }
    }

    /// The `what` of the evidence for a GPU currently showing XID `code`.
    static String xidWhat(int code) {
        return "Last XID: " + XidCatalog.describe(code);
    }

    private static void ecc(MetricValues values, TriageThresholds limits, List<Evidence> found) {
        double dbe = values.get(Metric.ECC_DBE_VOL);
        if (dbe > 0) {
            add(found, Verdict.FAILING, "Uncorrectable (double-bit) ECC errors since the last reset", count(dbe),
                    Action.RESET);
        } else if (values.get(Metric.ECC_DBE_AGG) > 0) {
            add(found, Verdict.WATCH, "Uncorrectable ECC errors in the GPU's lifetime, none since the last reset",
                    count(values.get(Metric.ECC_DBE_AGG)), Action.WATCH);
        }
        double sbe = values.get(Metric.ECC_SBE_VOL);
        if (sbe >= limits.sbeVolatileWatch()) {
            add(found, Verdict.WATCH, "Many corrected (single-bit) ECC errors since the last reset", count(sbe),
                    Action.WATCH);
        }
    }

    private static void memoryRepair(MetricValues values, TriageThresholds limits, List<Evidence> found) {
        if (values.get(Metric.ROW_REMAP_FAILURE) > 0) {
            add(found, Verdict.FAILING, "Row remapping failed: the memory cannot repair itself any more", "yes",
                    Action.REPLACE);
        }
        if (values.get(Metric.RETIRED_PENDING) > 0) {
            add(found, Verdict.DEGRADED, "Memory pages waiting to be retired at the next reset",
                    count(values.get(Metric.RETIRED_PENDING)), Action.RESET);
        }
        double retired = sumReported(values.get(Metric.RETIRED_SBE), values.get(Metric.RETIRED_DBE));
        if (retired >= limits.retiredPagesReplace()) {
            add(found, Verdict.FAILING, "Retired memory pages at the replacement limit", count(retired), Action.REPLACE);
        } else if (retired >= limits.retiredPagesWatch()) {
            add(found, Verdict.WATCH, "Retired memory pages", count(retired), Action.WATCH);
        }
        double remapped = values.get(Metric.UNCORRECTABLE_REMAPPED_ROWS);
        if (remapped >= limits.remappedRowsWatch()) {
            add(found, Verdict.WATCH, "Memory rows remapped after uncorrectable errors", count(remapped), Action.WATCH);
        }
    }

    private static void temperatures(MetricValues values, TriageThresholds limits, List<Evidence> found) {
        temperature(found, "GPU", values.get(Metric.GPU_TEMP), limits.gpuTempWatchCelsius(),
                limits.gpuTempFailingCelsius());
        temperature(found, "Memory", values.get(Metric.MEMORY_TEMP), limits.memoryTempWatchCelsius(),
                limits.memoryTempFailingCelsius());
    }

    private static void temperature(List<Evidence> found, String part, double celsius, double watch, double failing) {
        String value = Math.round(celsius) + " °C";
        if (celsius >= failing) {
            add(found, Verdict.FAILING, part + " temperature at or above " + Math.round(failing)
                    + " °C: take the load off and check cooling", value, Action.DRAIN);
        } else if (celsius >= watch) {
            add(found, Verdict.WATCH, part + " temperature at or above " + Math.round(watch) + " °C", value,
                    Action.WATCH);
        }
    }

    private static void throttling(MetricValues values, List<Evidence> found) {
        double mask = values.get(Metric.CLOCK_THROTTLE_REASONS);
        Set<ClockThrottleReason> reasons = ClockThrottleReason.decode(mask);
        boolean hardware = reasons.contains(ClockThrottleReason.HW_SLOWDOWN)
                || reasons.contains(ClockThrottleReason.HW_THERMAL_SLOWDOWN)
                || reasons.contains(ClockThrottleReason.HW_POWER_BRAKE_SLOWDOWN)
                || reasons.contains(ClockThrottleReason.SW_THERMAL_SLOWDOWN);
        if (hardware) {
            add(found, Verdict.WATCH, "Clocks held down by heat or a hardware slowdown",
                    ClockThrottleReason.describe(mask), Action.WATCH);
        } else if (reasons.contains(ClockThrottleReason.SW_POWER_CAP)) {
            add(found, Verdict.HEALTHY, "Clocks capped at the power limit (normal under full load)",
                    ClockThrottleReason.describe(mask), Action.NONE);
        }
        violation(found, "Time throttled for heat since the driver loaded", values.get(Metric.THERMAL_VIOLATION));
        violation(found, "Time capped by power since the driver loaded", values.get(Metric.POWER_VIOLATION));
    }

    private static void violation(List<Evidence> found, String what, double micros) {
        if (micros > 0) {
            add(found, Verdict.HEALTHY, what, String.format(Locale.ROOT, "%.1f s", micros / 1e6), Action.NONE);
        }
    }

    private static void links(MetricValues values, TriageThresholds limits, List<Evidence> found) {
        double replays = values.get(Metric.PCIE_REPLAY_COUNTER);
        if (replays >= limits.pcieReplaysWatch()) {
            add(found, Verdict.WATCH, "PCIe replays: the link retransmits; check the slot, riser and cable",
                    count(replays), Action.WATCH);
        }
        double crc = sumReported(values.get(Metric.NVLINK_CRC_FLIT_ERRORS), values.get(Metric.NVLINK_CRC_DATA_ERRORS));
        if (crc >= limits.nvlinkCrcErrorsWatch()) {
            add(found, Verdict.WATCH, "NVLink CRC errors", count(crc), Action.WATCH);
        }
        double nvReplays = values.get(Metric.NVLINK_REPLAY_ERRORS);
        if (nvReplays >= limits.nvlinkReplaysWatch()) {
            add(found, Verdict.WATCH, "NVLink replays", count(nvReplays), Action.WATCH);
        }
        double recoveries = values.get(Metric.NVLINK_RECOVERY_ERRORS);
        if (recoveries >= limits.nvlinkRecoveriesWatch()) {
            add(found, Verdict.WATCH, "NVLink link recoveries: a link went down and came back", count(recoveries),
                    Action.WATCH);
        }
    }

    private static void add(List<Evidence> found, Verdict severity, String what, String value, Action action) {
        found.add(new Evidence(severity, null, what, value, null, TELEMETRY, action));
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    // The sum of the reported values, NaN when neither is reported.
    private static double sumReported(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : a + b;
    }
}
