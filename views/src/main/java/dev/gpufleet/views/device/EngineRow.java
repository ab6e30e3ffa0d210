package dev.gpufleet.views.device;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.Unit;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import dev.gpufleet.views.heatmap.ColorScale;
import java.util.List;

/// One row of the engine heatmap: a profiling field, its label and the colour scale its
/// cells use.
///
/// @param metric the field
/// @param label  what the row is called on screen
/// @param scale  value → colour; ratios span 0..1, byte rates 0 to the link's rough peak
public record EngineRow(Metric metric, String label, ColorScale scale) {

    private static final double GB = 1e9;

    /// NVIDIA's DCGM profiling rows, top to bottom.
    public static final List<EngineRow> NVIDIA = List.of(
            ratio(Metric.GR_ENGINE_ACTIVE, "Graphics engine"),
            ratio(Metric.SM_ACTIVE, "SM active"),
            ratio(Metric.SM_OCCUPANCY, "SM occupancy"),
            ratio(Metric.PIPE_TENSOR_ACTIVE, "Tensor pipe"),
            ratio(Metric.PIPE_FP64_ACTIVE, "FP64 pipe"),
            ratio(Metric.PIPE_FP32_ACTIVE, "FP32 pipe"),
            ratio(Metric.PIPE_FP16_ACTIVE, "FP16 pipe"),
            ratio(Metric.DRAM_ACTIVE, "DRAM active"),
            // PCIe Gen5 x16 moves about 64 GB/s each way; an H100's NVLink about 450 GB/s.
            rate(Metric.PCIE_TX_BYTES, "PCIe tx", 64 * GB),
            rate(Metric.PCIE_RX_BYTES, "PCIe rx", 64 * GB),
            rate(Metric.NVLINK_TX_BYTES, "NVLink tx", 450 * GB),
            rate(Metric.NVLINK_RX_BYTES, "NVLink rx", 450 * GB));

    /// What amd-smi's exporter says of an Instinct card's activity.
    public static final List<EngineRow> AMD = List.of(
            new EngineRow(Metric.GPU_UTIL, "GFX activity", ColorScale.viridis(0, 100)),
            new EngineRow(Metric.MEM_COPY_UTIL, "Memory activity", ColorScale.viridis(0, 100)));

    private static EngineRow ratio(Metric metric, String label) {
        return new EngineRow(metric, label, ColorScale.viridis(0, 1));
    }

    private static EngineRow rate(Metric metric, String label, double peak) {
        return new EngineRow(metric, label, ColorScale.viridis(0, peak));
    }

    /// This row's value for the whole of `gpu`, `NaN` when nothing reports it.
    ///
    /// A MIG card reports profiling fields per instance only, so its device value is made
    /// from its instances: byte rates add up; ratios and percentages are averaged, each
    /// instance weighted by its compute slices (the `Ng` of its profile), because a busy 4g
    /// is more of the card than a busy 1g.
    public double valueOf(GpuSnapshot gpu) {
        double own = gpu.value(metric);
        if (!Double.isNaN(own) || gpu.mig().isEmpty()) {
            return own;
        }
        boolean additive = metric.unit() == Unit.BYTES_PER_SECOND;
        double sum = 0;
        double weights = 0;
        for (MigSample instance : gpu.mig()) {
            double value = instance.values().get(metric);
            if (!Double.isNaN(value)) {
                int weight = additive ? 1 : computeSlicesOf(instance.profile());
                sum += value * weight;
                weights += weight;
            }
        }
        if (weights == 0) {
            return Double.NaN;
        }
        return additive ? sum : sum / weights;
    }

    /// The `N` of an `Ng.xgb` profile, 1 for anything else (AMD partition modes).
    static int computeSlicesOf(String profile) {
        int g = profile.indexOf('g');
        if (g <= 0) {
            return 1;
        }
        try {
            return Math.max(1, Integer.parseInt(profile.substring(0, g)));
        } catch (NumberFormatException notMig) {
            return 1;
        }
    }
}
