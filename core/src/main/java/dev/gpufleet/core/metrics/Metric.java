package dev.gpufleet.core.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/// The DCGM fields gpufleet understands, by the name dcgm-exporter gives their series.
///
/// The ordinal is the column of the metric in every per-GPU value array, so arrays stay
/// primitive and lookups are arithmetic.
public enum Metric {
    GPU_UTIL("DCGM_FI_DEV_GPU_UTIL", "GPU utilization", Unit.PERCENT, MetricKind.GAUGE),
    MEM_COPY_UTIL("DCGM_FI_DEV_MEM_COPY_UTIL", "Memory copy utilization", Unit.PERCENT, MetricKind.GAUGE),
    ENC_UTIL("DCGM_FI_DEV_ENC_UTIL", "Encoder utilization", Unit.PERCENT, MetricKind.GAUGE),
    DEC_UTIL("DCGM_FI_DEV_DEC_UTIL", "Decoder utilization", Unit.PERCENT, MetricKind.GAUGE),
    FB_USED("DCGM_FI_DEV_FB_USED", "Framebuffer used", Unit.MIB, MetricKind.GAUGE),
    FB_FREE("DCGM_FI_DEV_FB_FREE", "Framebuffer free", Unit.MIB, MetricKind.GAUGE),
    FB_RESERVED("DCGM_FI_DEV_FB_RESERVED", "Framebuffer reserved", Unit.MIB, MetricKind.GAUGE),
    POWER_USAGE("DCGM_FI_DEV_POWER_USAGE", "Power draw", Unit.WATT, MetricKind.GAUGE),
    TOTAL_ENERGY("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "Energy since boot", Unit.MILLIJOULE, MetricKind.COUNTER),
    GPU_TEMP("DCGM_FI_DEV_GPU_TEMP", "GPU temperature", Unit.CELSIUS, MetricKind.GAUGE),
    MEMORY_TEMP("DCGM_FI_DEV_MEMORY_TEMP", "Memory temperature", Unit.CELSIUS, MetricKind.GAUGE),
    SM_CLOCK("DCGM_FI_DEV_SM_CLOCK", "SM clock", Unit.MHZ, MetricKind.GAUGE),
    MEM_CLOCK("DCGM_FI_DEV_MEM_CLOCK", "Memory clock", Unit.MHZ, MetricKind.GAUGE),
    XID_ERRORS("DCGM_FI_DEV_XID_ERRORS", "Last XID error", Unit.CODE, MetricKind.GAUGE),
    ECC_SBE_VOL("DCGM_FI_DEV_ECC_SBE_VOL_TOTAL", "ECC single-bit errors (volatile)", Unit.COUNT, MetricKind.COUNTER),
    ECC_DBE_VOL("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", "ECC double-bit errors (volatile)", Unit.COUNT, MetricKind.COUNTER),
    ECC_SBE_AGG("DCGM_FI_DEV_ECC_SBE_AGG_TOTAL", "ECC single-bit errors (aggregate)", Unit.COUNT, MetricKind.COUNTER),
    ECC_DBE_AGG("DCGM_FI_DEV_ECC_DBE_AGG_TOTAL", "ECC double-bit errors (aggregate)", Unit.COUNT, MetricKind.COUNTER),
    RETIRED_SBE("DCGM_FI_DEV_RETIRED_SBE", "Pages retired (single-bit)", Unit.COUNT, MetricKind.COUNTER),
    RETIRED_DBE("DCGM_FI_DEV_RETIRED_DBE", "Pages retired (double-bit)", Unit.COUNT, MetricKind.COUNTER),
    ROW_REMAP_FAILURE("DCGM_FI_DEV_ROW_REMAP_FAILURE", "Row remap failure", Unit.COUNT, MetricKind.GAUGE),
    UNCORRECTABLE_REMAPPED_ROWS("DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", "Rows remapped (uncorrectable)", Unit.COUNT, MetricKind.COUNTER),
    CORRECTABLE_REMAPPED_ROWS("DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS", "Rows remapped (correctable)", Unit.COUNT, MetricKind.COUNTER),
    PCIE_REPLAY_COUNTER("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", "PCIe replays", Unit.COUNT, MetricKind.COUNTER),
    POWER_VIOLATION("DCGM_FI_DEV_POWER_VIOLATION", "Power-capped time", Unit.MICROSECONDS, MetricKind.COUNTER),
    THERMAL_VIOLATION("DCGM_FI_DEV_THERMAL_VIOLATION", "Thermally throttled time", Unit.MICROSECONDS, MetricKind.COUNTER),
    CLOCK_THROTTLE_REASONS("DCGM_FI_DEV_CLOCK_THROTTLE_REASONS", "Clock throttle reasons", Unit.CODE, MetricKind.GAUGE),
    NVLINK_BANDWIDTH_TOTAL("DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", "NVLink bandwidth (all links)", Unit.COUNT, MetricKind.COUNTER),
    GR_ENGINE_ACTIVE("DCGM_FI_PROF_GR_ENGINE_ACTIVE", "Graphics engine active", Unit.RATIO, MetricKind.GAUGE),
    SM_ACTIVE("DCGM_FI_PROF_SM_ACTIVE", "SM active", Unit.RATIO, MetricKind.GAUGE),
    SM_OCCUPANCY("DCGM_FI_PROF_SM_OCCUPANCY", "SM occupancy", Unit.RATIO, MetricKind.GAUGE),
    PIPE_TENSOR_ACTIVE("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", "Tensor pipe active", Unit.RATIO, MetricKind.GAUGE),
    PIPE_FP64_ACTIVE("DCGM_FI_PROF_PIPE_FP64_ACTIVE", "FP64 pipe active", Unit.RATIO, MetricKind.GAUGE),
    PIPE_FP32_ACTIVE("DCGM_FI_PROF_PIPE_FP32_ACTIVE", "FP32 pipe active", Unit.RATIO, MetricKind.GAUGE),
    PIPE_FP16_ACTIVE("DCGM_FI_PROF_PIPE_FP16_ACTIVE", "FP16 pipe active", Unit.RATIO, MetricKind.GAUGE),
    DRAM_ACTIVE("DCGM_FI_PROF_DRAM_ACTIVE", "DRAM active", Unit.RATIO, MetricKind.GAUGE),
    PCIE_TX_BYTES("DCGM_FI_PROF_PCIE_TX_BYTES", "PCIe transmit", Unit.BYTES_PER_SECOND, MetricKind.GAUGE),
    PCIE_RX_BYTES("DCGM_FI_PROF_PCIE_RX_BYTES", "PCIe receive", Unit.BYTES_PER_SECOND, MetricKind.GAUGE),
    NVLINK_TX_BYTES("DCGM_FI_PROF_NVLINK_TX_BYTES", "NVLink transmit", Unit.BYTES_PER_SECOND, MetricKind.GAUGE),
    NVLINK_RX_BYTES("DCGM_FI_PROF_NVLINK_RX_BYTES", "NVLink receive", Unit.BYTES_PER_SECOND, MetricKind.GAUGE);

    private static final Metric[] ALL = values();
    private static final Map<String, Metric> BY_FIELD = new HashMap<>();

    static {
        for (Metric metric : ALL) {
            BY_FIELD.put(metric.field, metric);
        }
        // Newer exporters renamed the throttle field; both mean the same bitmask.
        BY_FIELD.put("DCGM_FI_DEV_CLOCKS_EVENT_REASONS", CLOCK_THROTTLE_REASONS);
    }

    private final String field;
    private final String displayName;
    private final Unit unit;
    private final MetricKind kind;

    Metric(String field, String displayName, Unit unit, MetricKind kind) {
        this.field = field;
        this.displayName = displayName;
        this.unit = unit;
        this.kind = kind;
    }

    /// Number of known metrics: the length of every per-GPU value array.
    public static int count() {
        return ALL.length;
    }

    public static Metric at(int ordinal) {
        return ALL[ordinal];
    }

    /// The metric a dcgm-exporter series name stands for, if gpufleet knows it.
    public static Optional<Metric> byField(String seriesName) {
        return Optional.ofNullable(BY_FIELD.get(seriesName));
    }

    /// The series name dcgm-exporter gives this field, e.g. `DCGM_FI_DEV_GPU_UTIL`.
    public String field() {
        return field;
    }

    public String displayName() {
        return displayName;
    }

    public Unit unit() {
        return unit;
    }

    public MetricKind kind() {
        return kind;
    }
}
