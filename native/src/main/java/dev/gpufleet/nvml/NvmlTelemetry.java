package dev.gpufleet.nvml;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.MigSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// Turns an [NvmlSnapshot] into the console's telemetry: one node (this machine) whose GPUs
/// carry the same DCGM metric columns dcgm-exporter fills, in the same units.
///
/// Memory: `FB_USED` is NVML's `used`, which on a real H200 (driver 580) excludes the reserved
/// part although `nvml.h` says otherwise — used + free + reserved = total, the split
/// dcgm-exporter and `nvidia-smi` report too.
public final class NvmlTelemetry {

    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    private NvmlTelemetry() {
    }

    /// `lastXid` maps a GPU UUID to the last XID seen on it (the `DCGM_FI_DEV_XID_ERRORS` gauge).
    public static TelemetryFrame frame(String cluster, String node, NvmlSnapshot snapshot, Map<String, Long> lastXid) {
        List<GpuSample> gpus = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (NvmlSnapshot.Device device : snapshot.devices()) {
            gpus.add(sample(device, lastXid.get(device.uuid())));
            for (String problem : device.problems()) {
                problems.add("GPU " + device.index() + " " + problem);
            }
        }
        String problem = problems.isEmpty() ? null : "NVML could not read: " + String.join("; ", problems);
        return new TelemetryFrame(cluster, snapshot.time(), List.of(new NodeTelemetry(node, gpus, problem)));
    }

    static GpuSample sample(NvmlSnapshot.Device device, @Nullable Long lastXid) {
        double[] values = MetricValues.blankArray();
        memory(values, device.memory());
        if (device.utilization() != null) {
            put(values, Metric.GPU_UTIL, device.utilization().gpuPercent());
            put(values, Metric.MEM_COPY_UTIL, device.utilization().memoryPercent());
        }
        put(values, Metric.POWER_USAGE, device.powerMilliwatts() == null ? null : device.powerMilliwatts() / 1000.0);
        put(values, Metric.POWER_MGMT_LIMIT,
                device.powerLimitMilliwatts() == null ? null : device.powerLimitMilliwatts() / 1000.0);
        put(values, Metric.TOTAL_ENERGY, device.energyMillijoules());
        put(values, Metric.GPU_TEMP, device.temperatureCelsius());
        put(values, Metric.SM_CLOCK, device.clocks().smMhz());
        put(values, Metric.MEM_CLOCK, device.clocks().memoryMhz());
        put(values, Metric.ECC_SBE_VOL, device.ecc().correctedVolatile());
        put(values, Metric.ECC_DBE_VOL, device.ecc().uncorrectedVolatile());
        put(values, Metric.ECC_SBE_AGG, device.ecc().correctedAggregate());
        put(values, Metric.ECC_DBE_AGG, device.ecc().uncorrectedAggregate());
        put(values, Metric.XID_ERRORS, lastXid);
        List<MigSample> mig = new ArrayList<>();
        for (NvmlSnapshot.MigDevice instance : device.migDevices()) {
            double[] instanceValues = MetricValues.blankArray();
            memory(instanceValues, instance.memory());
            mig.add(new MigSample(instance.gpuInstanceId(), instance.profile(), MetricValues.wrap(instanceValues),
                    List.of()));
        }
        return new GpuSample(device.index(), device.uuid(), device.name().isEmpty() ? null : device.name(),
                MetricValues.wrap(values), mig, List.of());
    }

    private static void memory(double[] values, NvmlStructs.@Nullable Memory memory) {
        if (memory == null) {
            return;
        }
        put(values, Metric.FB_TOTAL, memory.total() / BYTES_PER_MIB);
        put(values, Metric.FB_FREE, memory.free() / BYTES_PER_MIB);
        put(values, Metric.FB_RESERVED, memory.reserved() / BYTES_PER_MIB);
        put(values, Metric.FB_USED, memory.used() / BYTES_PER_MIB);
    }

    private static void put(double[] values, Metric metric, @Nullable Number value) {
        if (value != null) {
            values[metric.ordinal()] = value.doubleValue();
        }
    }
}
