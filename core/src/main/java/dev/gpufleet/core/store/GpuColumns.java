package dev.gpufleet.core.store;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.model.Health;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/// A node's GPU readings as primitive columns, one entry per GPU in the node's GPU order: the
/// values a fleet-wide view needs per GPU (utilization with the MIG fallback, memory used %,
/// power, temperature), the sample time and the health.
///
/// Built once where the [NodeSnapshot] is built (the store's writer thread, once per scrape,
/// while the GPU records are still in cache), so that a view reading 100,000 GPUs copies a few
/// small arrays per node instead of following three references per GPU record. Every value is
/// exactly what the [GpuSnapshot] accessor gives, `NaN` where the GPU did not report it.
public final class GpuColumns {

    /// The sample time of a GPU without telemetry, in [#sampledAtMillis(int)].
    public static final long NEVER = Long.MIN_VALUE;

    /// The per-GPU values kept; [#value(Value, int)] reads one.
    public enum Value {
        /// [GpuSnapshot#utilizationPercent()]: the GPU's own, or its MIG instances' mean.
        UTILIZATION,
        /// [dev.gpufleet.core.metrics.MetricValues#memoryUsedPercent()].
        MEMORY_USED_PERCENT,
        /// [Metric#POWER_USAGE].
        POWER,
        /// [Metric#GPU_TEMP].
        TEMPERATURE
    }

    private static final int VALUES = Value.values().length;
    private static final GpuColumns EMPTY = new GpuColumns(0, new double[0], new long[0], new byte[0]);

    private final int count;
    /// Value-major: `value.ordinal() * count + gpu`.
    private final double[] values;
    private final long[] sampledAt;
    private final byte[] health;

    private GpuColumns(int count, double[] values, long[] sampledAt, byte[] health) {
        this.count = count;
        this.values = values;
        this.sampledAt = sampledAt;
        this.health = health;
    }

    /// The columns of `gpus`, in that order.
    public static GpuColumns of(List<GpuSnapshot> gpus) {
        int count = gpus.size();
        if (count == 0) {
            return EMPTY;
        }
        double[] values = new double[VALUES * count];
        long[] sampledAt = new long[count];
        byte[] health = new byte[count];
        for (int g = 0; g < count; g++) {
            GpuSnapshot gpu = gpus.get(g);
            values[Value.UTILIZATION.ordinal() * count + g] = gpu.utilizationPercent();
            values[Value.MEMORY_USED_PERCENT.ordinal() * count + g] = gpu.values().memoryUsedPercent();
            values[Value.POWER.ordinal() * count + g] = gpu.value(Metric.POWER_USAGE);
            values[Value.TEMPERATURE.ordinal() * count + g] = gpu.value(Metric.GPU_TEMP);
            Instant at = gpu.sampledAt();
            sampledAt[g] = at == null ? NEVER : at.toEpochMilli();
            health[g] = (byte) gpu.health().ordinal();
        }
        return new GpuColumns(count, values, sampledAt, health);
    }

    /// How many GPUs.
    public int count() {
        return count;
    }

    /// `value` of GPU `gpu` (its position in the node's GPU list), `NaN` when not reported.
    public double value(Value value, int gpu) {
        return values[value.ordinal() * count + checked(gpu)];
    }

    /// When GPU `gpu` was sampled, in epoch milliseconds, or [#NEVER].
    public long sampledAtMillis(int gpu) {
        return sampledAt[checked(gpu)];
    }

    /// GPU `gpu`'s [Health#ordinal()].
    public int healthOrdinal(int gpu) {
        return health[checked(gpu)];
    }

    public Health health(int gpu) {
        return Health.values()[healthOrdinal(gpu)];
    }

    private int checked(int gpu) {
        if (gpu < 0 || gpu >= count) {
            throw new IndexOutOfBoundsException("GPU position " + gpu + " of a node with " + count + " GPUs");
        }
        return gpu;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GpuColumns that && count == that.count && Arrays.equals(values, that.values)
                && Arrays.equals(sampledAt, that.sampledAt) && Arrays.equals(health, that.health);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + Arrays.hashCode(sampledAt);
    }

    @Override
    public String toString() {
        return "GpuColumns[" + count + " GPUs]";
    }
}
