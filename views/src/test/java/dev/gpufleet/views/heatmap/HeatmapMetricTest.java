package dev.gpufleet.views.heatmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.store.GpuColumns;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class HeatmapMetricTest {

    @Property(tries = 200)
    void theColumnAFrameReadsEqualsTheMetricsExtractor(@ForAll long seed) {
        Random random = new Random(seed);
        List<GpuSnapshot> gpus = new ArrayList<>();
        for (int index = 0; index < 8; index++) {
            gpus.add(gpu(random, index));
        }
        GpuColumns columns = GpuColumns.of(gpus);

        for (HeatmapMetric metric : HeatmapMetric.values()) {
            for (int g = 0; g < gpus.size(); g++) {
                assertThat(Double.doubleToLongBits(columns.value(metric.column(), g)))
                        .as("%s of GPU %d", metric, g)
                        .isEqualTo(Double.doubleToLongBits(metric.valueOf(gpus.get(g))));
            }
        }
    }

    @Property(tries = 50)
    void aHealthOnlyFilterDecidesFromTheHealthColumnAsFromTheRecord(@ForAll long seed)
            throws HeatmapFilter.ParseException {
        Random random = new Random(seed);
        HeatmapFilter filter = HeatmapFilter.parse("health>=warning");
        assertThat(filter.gpuTermsNeedRecord()).isFalse();
        for (int index = 0; index < 8; index++) {
            GpuSnapshot gpu = gpu(random, index);
            assertThat(filter.matchesHealth(gpu.health().ordinal())).isEqualTo(filter.matchesGpu(gpu));
        }
        assertThat(HeatmapFilter.parse("model:h100 health>=warning").gpuTermsNeedRecord()).isTrue();
    }

    private static GpuSnapshot gpu(Random random, int index) {
        double[] values = MetricValues.blankArray();
        for (Metric metric : List.of(Metric.GPU_UTIL, Metric.FB_USED, Metric.FB_FREE, Metric.POWER_USAGE,
                Metric.GPU_TEMP)) {
            values[metric.ordinal()] = random.nextInt(5) == 0 ? Double.NaN : random.nextDouble() * 700;
        }
        List<MigSample> mig = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            values[Metric.GPU_UTIL.ordinal()] = Double.NaN;
            double[] instance = MetricValues.blankArray();
            instance[Metric.GR_ENGINE_ACTIVE.ordinal()] = random.nextDouble();
            mig.add(new MigSample(1, "1g.10gb", MetricValues.wrap(instance), List.of()));
        }
        Health health = Health.values()[random.nextInt(Health.values().length)];
        return new GpuSnapshot(index, "u" + index, "H100", health, MetricValues.wrap(values),
                Instant.ofEpochMilli(1_000 + index), mig, List.of());
    }
}
