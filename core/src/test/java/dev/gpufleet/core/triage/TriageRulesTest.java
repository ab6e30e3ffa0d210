package dev.gpufleet.core.triage;

import static dev.gpufleet.core.triage.TriageFixtures.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.health.HealthRules;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.telemetry.MigSample;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TriageRulesTest {

    private static final TriageThresholds DEFAULTS = TriageThresholds.defaults();

    private static Evidence only(MetricValues values) {
        List<Evidence> found = TriageRules.telemetry(values, List.of(), DEFAULTS);
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    @ParameterizedTest
    @CsvSource({
        "XID_ERRORS, 79, FAILING, DRAIN, XID 79 — GPU has fallen off the bus",
        "XID_ERRORS, 13, WATCH, WATCH, XID 13 — Graphics engine exception",
        "XID_ERRORS, 999, WATCH, WATCH, XID 999 (not in gpufleet's catalog)",
        "ECC_DBE_VOL, 2, FAILING, RESET, Uncorrectable (double-bit) ECC errors",
        "ECC_DBE_AGG, 4, WATCH, WATCH, Uncorrectable ECC errors in the GPU's lifetime",
        "ECC_SBE_VOL, 150, WATCH, WATCH, corrected (single-bit) ECC errors",
        "ROW_REMAP_FAILURE, 1, FAILING, REPLACE, Row remapping failed",
        "RETIRED_PENDING, 2, DEGRADED, RESET, waiting to be retired",
        "RETIRED_DBE, 64, FAILING, REPLACE, replacement limit",
        "RETIRED_SBE, 3, WATCH, WATCH, Retired memory pages",
        "UNCORRECTABLE_REMAPPED_ROWS, 2, WATCH, WATCH, rows remapped",
        "GPU_TEMP, 96, FAILING, DRAIN, GPU temperature at or above 95",
        "GPU_TEMP, 88, WATCH, WATCH, GPU temperature at or above 85",
        "MEMORY_TEMP, 99, WATCH, WATCH, Memory temperature at or above 95",
        "CLOCK_THROTTLE_REASONS, 104, WATCH, WATCH, hardware slowdown",
        "CLOCK_THROTTLE_REASONS, 4, HEALTHY, NONE, power limit",
        "THERMAL_VIOLATION, 4200000000, HEALTHY, NONE, throttled for heat",
        "POWER_VIOLATION, 2000000, HEALTHY, NONE, capped by power",
        "PCIE_REPLAY_COUNTER, 500, WATCH, WATCH, PCIe replays",
        "NVLINK_CRC_DATA_ERRORS, 300, WATCH, WATCH, NVLink CRC errors",
        "NVLINK_REPLAY_ERRORS, 300, WATCH, WATCH, NVLink replays",
        "NVLINK_RECOVERY_ERRORS, 1, WATCH, WATCH, NVLink link recoveries",
    })
    void eachRuleGivesItsEvidence(Metric metric, double value, Verdict severity, Action action, String what) {
        Evidence evidence = only(values(metric, value));
        assertThat(evidence.severity()).isEqualTo(severity);
        assertThat(evidence.action()).isEqualTo(action);
        assertThat(evidence.what()).contains(what);
        assertThat(evidence.source()).isEqualTo(Evidence.Source.TELEMETRY);
    }

    @ParameterizedTest
    @CsvSource({"XID_ERRORS, 0", "GPU_TEMP, 60", "ECC_SBE_VOL, 3", "PCIE_REPLAY_COUNTER, 20", "CLOCK_THROTTLE_REASONS, 1",
        "RETIRED_SBE, 0", "NVLINK_RECOVERY_ERRORS, 0"})
    void ordinaryReadingsGiveNoEvidence(Metric metric, double value) {
        assertThat(TriageRules.telemetry(values(metric, value), List.of(), DEFAULTS)).isEmpty();
    }

    @Test
    void unreportedReadingsGiveNoEvidenceRatherThanHealthyOnes() {
        assertThat(TriageRules.telemetry(MetricValues.empty(), List.of(), DEFAULTS)).isEmpty();
    }

    @Test
    void thresholdsCanBeOverridden() {
        MetricValues warm = values(Metric.GPU_TEMP, 80);
        assertThat(TriageRules.telemetry(warm, List.of(), DEFAULTS)).isEmpty();
        TriageThresholds strict = DEFAULTS.withGpuTemperatures(75, 79);
        assertThat(TriageRules.worst(TriageRules.telemetry(warm, List.of(), strict))).isEqualTo(Verdict.FAILING);
        assertThat(HealthRules.evaluate(warm, List.of(), strict)).isEqualTo(Health.FAILING);
        assertThat(HealthRules.evaluate(warm, List.of())).isEqualTo(Health.HEALTHY);
    }

    @Test
    void migInstancesAreJudgedWithoutDuplicatingTheSameFinding() {
        MigSample a = new MigSample(1, "1g.10gb", values(Metric.XID_ERRORS, 94), List.of());
        MigSample b = new MigSample(2, "1g.10gb", values(Metric.XID_ERRORS, 94), List.of());
        List<Evidence> found = TriageRules.telemetry(MetricValues.empty(), List.of(a, b), DEFAULTS);
        assertThat(found).hasSize(1);
        assertThat(found.getFirst().severity()).isEqualTo(Verdict.FAILING);
    }

    @Test
    void theHeatmapColourIsTheVerdictsHealth() {
        for (Metric metric : List.of(Metric.XID_ERRORS, Metric.ECC_DBE_VOL, Metric.GPU_TEMP, Metric.RETIRED_PENDING)) {
            for (double value : new double[] {0, 13, 48, 63, 79, 88, 99}) {
                MetricValues row = values(metric, value);
                Verdict verdict = TriageRules.worst(TriageRules.telemetry(row, List.of(), DEFAULTS));
                assertThat(HealthRules.evaluate(row, List.of())).as(metric + "=" + value).isEqualTo(verdict.health());
            }
        }
    }

    @Test
    void verdictsMapOntoHealth() {
        assertThat(Verdict.HEALTHY.health()).isEqualTo(Health.HEALTHY);
        assertThat(Verdict.WATCH.health()).isEqualTo(Health.WARNING);
        assertThat(Verdict.DEGRADED.health()).isEqualTo(Health.WARNING);
        assertThat(Verdict.FAILING.health()).isEqualTo(Health.FAILING);
    }
}
