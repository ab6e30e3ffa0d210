package dev.gpufleet.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.telemetry.MigSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GpuColumnsTest {

    private static final NodeRecord NODE = new NodeRecord("n1", Map.of(), false, true, List.of(), Map.of(), null,
            null);

    @Property(tries = 300)
    void columnsEqualTheRecordAccessorsForRandomGpus(@ForAll long seed, @ForAll @IntRange(max = 9) int count) {
        Random random = new Random(seed);
        List<GpuSnapshot> gpus = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            gpus.add(randomGpu(random, index));
        }
        GpuColumns columns = new NodeSnapshot(NODE, gpus, List.of(), null, null).gpuColumns();

        assertThat(columns.count()).isEqualTo(count);
        for (int g = 0; g < count; g++) {
            GpuSnapshot gpu = gpus.get(g);
            assertSame(columns.value(GpuColumns.Value.UTILIZATION, g), gpu.utilizationPercent());
            assertSame(columns.value(GpuColumns.Value.MEMORY_USED_PERCENT, g), gpu.values().memoryUsedPercent());
            assertSame(columns.value(GpuColumns.Value.POWER, g), gpu.value(Metric.POWER_USAGE));
            assertSame(columns.value(GpuColumns.Value.TEMPERATURE, g), gpu.value(Metric.GPU_TEMP));
            assertThat(columns.health(g)).isEqualTo(gpu.health());
            assertThat(columns.sampledAtMillis(g)).isEqualTo(gpu.sampledAt() == null ? GpuColumns.NEVER
                    : gpu.sampledAt().toEpochMilli());
        }
    }

    @Test
    void aMigCardsUtilizationIsItsInstancesMean() {
        double[] own = MetricValues.blankArray();
        own[Metric.GPU_TEMP.ordinal()] = 51;
        GpuSnapshot mig = new GpuSnapshot(0, "u", "A100", Health.HEALTHY, MetricValues.wrap(own),
                Instant.ofEpochMilli(5), List.of(instance(0.2), instance(0.6)), List.of());

        GpuColumns columns = GpuColumns.of(List.of(mig));

        assertThat(columns.value(GpuColumns.Value.UTILIZATION, 0)).isCloseTo(40.0, org.assertj.core.data.Offset
                .offset(1e-9));
        assertThat(columns.value(GpuColumns.Value.TEMPERATURE, 0)).isEqualTo(51.0);
        assertThat(columns.value(GpuColumns.Value.POWER, 0)).isNaN();
    }

    @Test
    void columnsThatDoNotMatchTheGpusAreRefusedWithTheNodeNamed() {
        GpuSnapshot gpu = randomGpu(new Random(1), 0);

        assertThatThrownBy(() -> new NodeSnapshot(NODE, List.of(gpu), List.of(), null, null, GpuColumns.of(List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n1").hasMessageContaining("GpuColumns.of");
        assertThatThrownBy(() -> GpuColumns.of(List.of(gpu)).value(GpuColumns.Value.POWER, 1))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("1 GPUs");
    }

    private static void assertSame(double column, double accessor) {
        assertThat(Double.doubleToLongBits(column)).as("column %s, accessor %s", column, accessor)
                .isEqualTo(Double.doubleToLongBits(accessor));
    }

    private static GpuSnapshot randomGpu(Random random, int index) {
        if (random.nextInt(6) == 0) {
            return new GpuSnapshot(index, null, "H100", Health.UNKNOWN, MetricValues.empty(), null, List.of(), List.of());
        }
        double[] values = MetricValues.blankArray();
        for (Metric metric : List.of(Metric.GPU_UTIL, Metric.FB_USED, Metric.FB_FREE, Metric.POWER_USAGE,
                Metric.GPU_TEMP)) {
            values[metric.ordinal()] = random.nextInt(5) == 0 ? Double.NaN : random.nextDouble() * 700;
        }
        if (random.nextInt(8) == 0) {
            values[Metric.FB_USED.ordinal()] = 0;
            values[Metric.FB_FREE.ordinal()] = 0;
        }
        List<MigSample> mig = new ArrayList<>();
        if (random.nextInt(4) == 0) {
            values[Metric.GPU_UTIL.ordinal()] = Double.NaN;
            for (int k = random.nextInt(4); k > 0; k--) {
                mig.add(instance(random.nextInt(3) == 0 ? Double.NaN : random.nextDouble()));
            }
        }
        Health health = Health.values()[random.nextInt(Health.values().length)];
        return new GpuSnapshot(index, "gpu-" + index, "H100", health, MetricValues.wrap(values),
                Instant.ofEpochMilli(random.nextLong(1L << 42)), mig, List.of());
    }

    private static MigSample instance(double active) {
        double[] values = MetricValues.blankArray();
        values[Metric.GR_ENGINE_ACTIVE.ordinal()] = active;
        return new MigSample(1, "1g.10gb", MetricValues.wrap(values), List.of());
    }
}
