package dev.gpufleet.views.details;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.triage.XidCatalog;
import dev.gpufleet.views.TestFleets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthReasonsTest {

    private static List<String> reasonsForXid(int code) {
        double[] raw = MetricValues.blankArray();
        raw[Metric.XID_ERRORS.ordinal()] = code;
        GpuSnapshot gpu = new GpuSnapshot(0, "GPU-0", "NVIDIA H100", Health.FAILING, MetricValues.wrap(raw),
                TestFleets.T0, List.of(), List.of());
        NodeSnapshot node = TestFleets.node("n1", 1, false, i -> gpu);
        return HealthReasons.explain(gpu, node);
    }

    @Test
    void anXidIsExplainedFromTheSameCatalogAsTriageAndAnUnknownOneIsShownRaw() {
        assertThat(reasonsForXid(79)).anySatisfy(reason -> assertThat(reason)
                .startsWith(XidCatalog.describe(79)).contains(XidCatalog.lookup(79).orElseThrow().action().description()));
        assertThat(reasonsForXid(4242)).anySatisfy(reason -> assertThat(reason)
                .contains("XID 4242 (not in gpufleet's catalog)"));
    }

    @Test
    void countsReadInTheRightNumber() {
        assertThat(HealthReasons.count(1, "row")).isEqualTo("1 row");
        assertThat(HealthReasons.count(2, "row")).isEqualTo("2 rows");
        assertThat(HealthReasons.count(0, "row")).isEqualTo("0 rows");
    }
}
