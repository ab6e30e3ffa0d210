package dev.gpufleet.connectors.amd;

import static dev.gpufleet.core.metrics.Metric.ECC_DBE_VOL;
import static dev.gpufleet.core.metrics.Metric.ECC_SBE_VOL;
import static dev.gpufleet.core.metrics.Metric.FB_FREE;
import static dev.gpufleet.core.metrics.Metric.FB_TOTAL;
import static dev.gpufleet.core.metrics.Metric.FB_USED;
import static dev.gpufleet.core.metrics.Metric.GPU_TEMP;
import static dev.gpufleet.core.metrics.Metric.GPU_UTIL;
import static dev.gpufleet.core.metrics.Metric.MEMORY_TEMP;
import static dev.gpufleet.core.metrics.Metric.MEM_CLOCK;
import static dev.gpufleet.core.metrics.Metric.MEM_COPY_UTIL;
import static dev.gpufleet.core.metrics.Metric.PCIE_REPLAY_COUNTER;
import static dev.gpufleet.core.metrics.Metric.POWER_USAGE;
import static dev.gpufleet.core.metrics.Metric.SM_CLOCK;
import static dev.gpufleet.core.metrics.Metric.TOTAL_ENERGY;

import dev.gpufleet.connectors.exposition.Sample;
import dev.gpufleet.core.metrics.Metric;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/// How one ROCm device-metrics-exporter series lands on a core [Metric] column.
///
/// Several AMD series can feed one column; `priority` says which wins whatever the text order
/// (0 first): MI300-class parts print `gpu_edge_temperature` as 0 because they have no edge
/// sensor, so the junction (hotspot) reading is the GPU temperature and edge only a fallback;
/// the instantaneous package power beats the averaged one. `keepMax` takes the largest of
/// repeated series (one `gpu_clock` per XCD, one `gpu_hbm_temperature` per stack).
/// `scale` converts to the catalog's unit.
record AmdSeries(Metric metric, double scale, int priority, boolean keepMax) {

    private static final Map<String, AmdSeries> BY_NAME = Map.ofEntries(
            Map.entry("gpu_gfx_activity", plain(GPU_UTIL)),
            Map.entry("gpu_umc_activity", plain(MEM_COPY_UTIL)),
            // The exporter's "MB" are amd-smi's, i.e. MiB, the catalog's framebuffer unit.
            Map.entry("gpu_used_vram", plain(FB_USED)),
            Map.entry("gpu_free_vram", plain(FB_FREE)),
            Map.entry("gpu_total_vram", plain(FB_TOTAL)),
            Map.entry("gpu_package_power", new AmdSeries(POWER_USAGE, 1.0, 0, false)),
            Map.entry("gpu_power_usage", new AmdSeries(POWER_USAGE, 1.0, 1, false)),
            Map.entry("gpu_average_package_power", new AmdSeries(POWER_USAGE, 1.0, 2, false)),
            Map.entry("gpu_junction_temperature", new AmdSeries(GPU_TEMP, 1.0, 0, false)),
            Map.entry("gpu_edge_temperature", new AmdSeries(GPU_TEMP, 1.0, 1, false)),
            Map.entry("gpu_memory_temperature", new AmdSeries(MEMORY_TEMP, 1.0, 0, false)),
            Map.entry("gpu_hbm_temperature", new AmdSeries(MEMORY_TEMP, 1.0, 1, true)),
            Map.entry("gpu_ecc_correct_total", plain(ECC_SBE_VOL)),
            Map.entry("gpu_ecc_uncorrect_total", plain(ECC_DBE_VOL)),
            // Microjoules on the wire, millijoules in the catalog.
            Map.entry("gpu_energy_consumed", new AmdSeries(TOTAL_ENERGY, 0.001, 0, false)),
            Map.entry("pcie_replay_count", plain(PCIE_REPLAY_COUNTER)));

    private static final AmdSeries SYSTEM_CLOCK = new AmdSeries(SM_CLOCK, 1.0, 0, true);
    private static final AmdSeries MEMORY_CLOCK = new AmdSeries(MEM_CLOCK, 1.0, 0, true);
    private static final String CLOCK = "gpu_clock";

    /// `clock_type` values: current exporters print the enum name, hand-made texts the short one.
    private static final Set<String> CLOCK_TYPES_SYSTEM = Set.of("GPU_CLOCK_TYPE_SYSTEM", "SYSTEM", "GFX");
    private static final Set<String> CLOCK_TYPES_MEMORY = Set.of("GPU_CLOCK_TYPE_MEMORY", "MEMORY", "MEM");

    private static AmdSeries plain(Metric metric) {
        return new AmdSeries(metric, 1.0, 0, false);
    }

    /// The column `sample` feeds, or `null` for a series that is not the AMD exporter's or has
    /// no column (voltages, VCN/JPEG activity, XGMI, PCIe bandwidth, GTT, health, …).
    static @Nullable AmdSeries of(Sample sample) {
        String name = sample.name();
        char first = name.isEmpty() ? ' ' : name.charAt(0);
        if (first != 'g' && first != 'p' && first != 'G' && first != 'P') {
            return null;
        }
        if (first == 'G' || first == 'P') {
            // Only UPPERCASE exporter names pay for the lowercase copy; DCGM_* never gets here.
            name = name.toLowerCase(Locale.ROOT);
        }
        if (name.equals(CLOCK)) {
            String type = AmdLabels.get(sample.labels(), AmdLabels.CLOCK_TYPE);
            if (type == null) {
                return null;
            }
            String upper = type.toUpperCase(Locale.ROOT);
            return CLOCK_TYPES_SYSTEM.contains(upper) ? SYSTEM_CLOCK
                    : CLOCK_TYPES_MEMORY.contains(upper) ? MEMORY_CLOCK : null;
        }
        return BY_NAME.get(name);
    }

    /// Every series name this mapping reads, for queries that must name them.
    static Set<String> names() {
        Set<String> names = new java.util.TreeSet<>(BY_NAME.keySet());
        names.add(CLOCK);
        return names;
    }

    double fromWire(double value) {
        return scale == 1.0 ? value : value * scale;
    }
}
