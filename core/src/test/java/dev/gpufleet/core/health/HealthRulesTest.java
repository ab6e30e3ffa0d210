package dev.gpufleet.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.telemetry.MigSample;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthRulesTest {

    private static MetricValues values(Metric metric, double value) {
        double[] row = MetricValues.blankArray();
        row[Metric.GPU_TEMP.ordinal()] = 45;
        row[metric.ordinal()] = value;
        return MetricValues.wrap(row);
    }

    @Test
    void nothingReportedIsUnknownNotHealthy() {
        assertThat(HealthRules.evaluate(MetricValues.empty(), List.of())).isEqualTo(Health.UNKNOWN);
    }

    @ParameterizedTest
    @CsvSource({
        "XID_ERRORS, 0, HEALTHY",
        "XID_ERRORS, 13, WARNING",
        "XID_ERRORS, 79, FAILING",
        "XID_ERRORS, 48, FAILING",
        "ECC_DBE_VOL, 1, FAILING",
        "ROW_REMAP_FAILURE, 1, FAILING",
        "UNCORRECTABLE_REMAPPED_ROWS, 2, WARNING",
        "GPU_TEMP, 86, WARNING",
        "GPU_TEMP, 96, FAILING",
        "GPU_TEMP, 60, HEALTHY",
    })
    void verdicts(Metric metric, double value, Health expected) {
        assertThat(HealthRules.evaluate(values(metric, value), List.of())).isEqualTo(expected);
    }

    @Test
    void aFailingMigInstanceFailsTheCard() {
        MigSample bad = new MigSample(1, "1g.10gb", values(Metric.XID_ERRORS, 94), List.of());
        MigSample good = new MigSample(2, "1g.10gb", values(Metric.GPU_TEMP, 40), List.of());
        assertThat(HealthRules.evaluate(MetricValues.empty(), List.of(good, bad))).isEqualTo(Health.FAILING);
    }
}
