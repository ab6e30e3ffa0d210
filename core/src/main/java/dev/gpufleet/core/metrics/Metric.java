package dev.gpufleet.core.metrics;

import static dev.gpufleet.core.metrics.MetricKind.COUNTER;
import static dev.gpufleet.core.metrics.MetricKind.GAUGE;
import static dev.gpufleet.core.metrics.MetricScope.DEVICE;
import static dev.gpufleet.core.metrics.MetricScope.INSTANCE;
import static dev.gpufleet.core.metrics.MetricScope.PARTITIONED;
import static dev.gpufleet.core.metrics.Unit.BYTES_PER_SECOND;
import static dev.gpufleet.core.metrics.Unit.CELSIUS;
import static dev.gpufleet.core.metrics.Unit.CODE;
import static dev.gpufleet.core.metrics.Unit.COUNT;
import static dev.gpufleet.core.metrics.Unit.MHZ;
import static dev.gpufleet.core.metrics.Unit.MIB;
import static dev.gpufleet.core.metrics.Unit.MICROSECONDS;
import static dev.gpufleet.core.metrics.Unit.MILLIJOULE;
import static dev.gpufleet.core.metrics.Unit.PERCENT;
import static dev.gpufleet.core.metrics.Unit.RATIO;
import static dev.gpufleet.core.metrics.Unit.WATT;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/// The DCGM fields gpufleet understands, by the name dcgm-exporter gives their series.
///
/// The catalog covers dcgm-exporter's `default-counters.csv` and `dcp-metrics-included.csv`
/// (profiling fields included) plus the commented-out fields of those files that operators
/// commonly enable: the remaining violation counters, ECC, retired pages, NVLink errors and
/// per-link NVLink bandwidth. Label-only fields (`DCGM_FI_DRIVER_VERSION`, …) are not metrics.
///
/// The ordinal is the column of the metric in every per-GPU value array, so arrays stay
/// primitive and lookups are arithmetic. That is also why constants are only ever appended.
public enum Metric {
    GPU_UTIL("DCGM_FI_DEV_GPU_UTIL", "GPU utilization", PERCENT, GAUGE, INSTANCE),
    MEM_COPY_UTIL("DCGM_FI_DEV_MEM_COPY_UTIL", "Memory copy utilization", PERCENT, GAUGE, INSTANCE),
    ENC_UTIL("DCGM_FI_DEV_ENC_UTIL", "Encoder utilization", PERCENT, GAUGE, INSTANCE),
    DEC_UTIL("DCGM_FI_DEV_DEC_UTIL", "Decoder utilization", PERCENT, GAUGE, INSTANCE),
    FB_USED("DCGM_FI_DEV_FB_USED", "Framebuffer used", MIB, GAUGE, PARTITIONED),
    FB_FREE("DCGM_FI_DEV_FB_FREE", "Framebuffer free", MIB, GAUGE, PARTITIONED),
    FB_RESERVED("DCGM_FI_DEV_FB_RESERVED", "Framebuffer reserved", MIB, GAUGE, PARTITIONED),
    POWER_USAGE("DCGM_FI_DEV_POWER_USAGE", "Power draw", WATT, GAUGE, DEVICE),
    TOTAL_ENERGY("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "Energy since boot", MILLIJOULE, COUNTER, DEVICE),
    GPU_TEMP("DCGM_FI_DEV_GPU_TEMP", "GPU temperature", CELSIUS, GAUGE, DEVICE),
    MEMORY_TEMP("DCGM_FI_DEV_MEMORY_TEMP", "Memory temperature", CELSIUS, GAUGE, DEVICE),
    SM_CLOCK("DCGM_FI_DEV_SM_CLOCK", "SM clock", MHZ, GAUGE, DEVICE),
    MEM_CLOCK("DCGM_FI_DEV_MEM_CLOCK", "Memory clock", MHZ, GAUGE, DEVICE),
    XID_ERRORS("DCGM_FI_DEV_XID_ERRORS", "Last XID error", CODE, GAUGE, DEVICE),
    ECC_SBE_VOL("DCGM_FI_DEV_ECC_SBE_VOL_TOTAL", "ECC single-bit errors (volatile)", COUNT, COUNTER, DEVICE),
    ECC_DBE_VOL("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", "ECC double-bit errors (volatile)", COUNT, COUNTER, DEVICE),
    ECC_SBE_AGG("DCGM_FI_DEV_ECC_SBE_AGG_TOTAL", "ECC single-bit errors (aggregate)", COUNT, COUNTER, DEVICE),
    ECC_DBE_AGG("DCGM_FI_DEV_ECC_DBE_AGG_TOTAL", "ECC double-bit errors (aggregate)", COUNT, COUNTER, DEVICE),
    RETIRED_SBE("DCGM_FI_DEV_RETIRED_SBE", "Pages retired (single-bit)", COUNT, COUNTER, DEVICE),
    RETIRED_DBE("DCGM_FI_DEV_RETIRED_DBE", "Pages retired (double-bit)", COUNT, COUNTER, DEVICE),
    ROW_REMAP_FAILURE("DCGM_FI_DEV_ROW_REMAP_FAILURE", "Row remap failure", COUNT, GAUGE, DEVICE),
    UNCORRECTABLE_REMAPPED_ROWS("DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", "Rows remapped (uncorrectable)", COUNT, COUNTER, DEVICE),
    CORRECTABLE_REMAPPED_ROWS("DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS", "Rows remapped (correctable)", COUNT, COUNTER, DEVICE),
    PCIE_REPLAY_COUNTER("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", "PCIe replays", COUNT, COUNTER, DEVICE),
    POWER_VIOLATION("DCGM_FI_DEV_POWER_VIOLATION", "Power-capped time", MICROSECONDS, COUNTER, DEVICE),
    THERMAL_VIOLATION("DCGM_FI_DEV_THERMAL_VIOLATION", "Thermally throttled time", MICROSECONDS, COUNTER, DEVICE),
    CLOCK_THROTTLE_REASONS("DCGM_FI_DEV_CLOCK_THROTTLE_REASONS", "Clock throttle reasons", CODE, GAUGE, DEVICE),
    NVLINK_BANDWIDTH_TOTAL("DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", "NVLink bandwidth (all links)", COUNT, COUNTER, DEVICE),
    GR_ENGINE_ACTIVE("DCGM_FI_PROF_GR_ENGINE_ACTIVE", "Graphics engine active", RATIO, GAUGE, INSTANCE),
    SM_ACTIVE("DCGM_FI_PROF_SM_ACTIVE", "SM active", RATIO, GAUGE, INSTANCE),
    SM_OCCUPANCY("DCGM_FI_PROF_SM_OCCUPANCY", "SM occupancy", RATIO, GAUGE, INSTANCE),
    PIPE_TENSOR_ACTIVE("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", "Tensor pipe active", RATIO, GAUGE, INSTANCE),
    PIPE_FP64_ACTIVE("DCGM_FI_PROF_PIPE_FP64_ACTIVE", "FP64 pipe active", RATIO, GAUGE, INSTANCE),
    PIPE_FP32_ACTIVE("DCGM_FI_PROF_PIPE_FP32_ACTIVE", "FP32 pipe active", RATIO, GAUGE, INSTANCE),
    PIPE_FP16_ACTIVE("DCGM_FI_PROF_PIPE_FP16_ACTIVE", "FP16 pipe active", RATIO, GAUGE, INSTANCE),
    DRAM_ACTIVE("DCGM_FI_PROF_DRAM_ACTIVE", "DRAM active", RATIO, GAUGE, INSTANCE),
    PCIE_TX_BYTES("DCGM_FI_PROF_PCIE_TX_BYTES", "PCIe transmit", BYTES_PER_SECOND, GAUGE, INSTANCE),
    PCIE_RX_BYTES("DCGM_FI_PROF_PCIE_RX_BYTES", "PCIe receive", BYTES_PER_SECOND, GAUGE, INSTANCE),
    NVLINK_TX_BYTES("DCGM_FI_PROF_NVLINK_TX_BYTES", "NVLink transmit", BYTES_PER_SECOND, GAUGE, INSTANCE),
    NVLINK_RX_BYTES("DCGM_FI_PROF_NVLINK_RX_BYTES", "NVLink receive", BYTES_PER_SECOND, GAUGE, INSTANCE),
    // New fields go only here, at the end: ordinals are columns of stored arrays.
    POWER_MGMT_LIMIT("DCGM_FI_DEV_POWER_MGMT_LIMIT", "Power limit", WATT, GAUGE, DEVICE),
    RETIRED_PENDING("DCGM_FI_DEV_RETIRED_PENDING", "Pages pending retirement", COUNT, GAUGE, DEVICE),
    SYNC_BOOST_VIOLATION("DCGM_FI_DEV_SYNC_BOOST_VIOLATION", "Sync-boost throttled time", MICROSECONDS, COUNTER, DEVICE),
    BOARD_LIMIT_VIOLATION("DCGM_FI_DEV_BOARD_LIMIT_VIOLATION", "Board-limit throttled time", MICROSECONDS, COUNTER, DEVICE),
    LOW_UTIL_VIOLATION("DCGM_FI_DEV_LOW_UTIL_VIOLATION", "Low-utilization throttled time", MICROSECONDS, COUNTER, DEVICE),
    RELIABILITY_VIOLATION("DCGM_FI_DEV_RELIABILITY_VIOLATION", "Reliability throttled time", MICROSECONDS, COUNTER, DEVICE),
    PCIE_TX_THROUGHPUT("DCGM_FI_DEV_PCIE_TX_THROUGHPUT", "PCIe transmit (NVML)", BYTES_PER_SECOND, GAUGE, DEVICE, 1000.0),
    PCIE_RX_THROUGHPUT("DCGM_FI_DEV_PCIE_RX_THROUGHPUT", "PCIe receive (NVML)", BYTES_PER_SECOND, GAUGE, DEVICE, 1000.0),
    NVLINK_CRC_FLIT_ERRORS("DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL", "NVLink flow-control CRC errors", COUNT, COUNTER, DEVICE),
    NVLINK_CRC_DATA_ERRORS("DCGM_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL", "NVLink data CRC errors", COUNT, COUNTER, DEVICE),
    NVLINK_REPLAY_ERRORS("DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL", "NVLink replays", COUNT, COUNTER, DEVICE),
    NVLINK_RECOVERY_ERRORS("DCGM_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL", "NVLink recoveries", COUNT, COUNTER, DEVICE),
    FB_TOTAL("DCGM_FI_DEV_FB_TOTAL", "Framebuffer total", MIB, GAUGE, PARTITIONED),
    VGPU_LICENSE_STATUS("DCGM_FI_DEV_VGPU_LICENSE_STATUS", "vGPU license status", CODE, GAUGE, DEVICE),
    // Per-link NVLink counters; an H100 has 18 links, older cards fewer (the rest stay NaN).
    NVLINK_BANDWIDTH_L0("DCGM_FI_DEV_NVLINK_BANDWIDTH_L0", "NVLink bandwidth (link 0)", COUNT, COUNTER, DEVICE),
    NVLINK_BANDWIDTH_L1("DCGM_FI_DEV_NVLINK_BANDWIDTH_L1", "NVLink bandwidth (link 1)", COUNT, COUNTER, DEVICE),
    NVLINK_BANDWIDTH_L2("DCGM_FI_DEV_NVLINK_BANDWIDTH_L2", "NVLink bandwidth (link 2)", COUNT, COUNTER, DEVICE),
    NVLINK_BANDWIDTH_L3("DCGM_FI_DEV_NVLINK_BANDWIDTH_L3", "NVLink bandwidth (link 3)", COUNT, COUNTER, DEVICE),
    NVLINK_BANDWIDTH_L4("DCGM_FI_DEV_NVLINK_BANDWIDTH_L4", "NVLink bandwidth (link 4)", COUNT, COUNTER, DEVICE),
    NVLINK_BANDWIDTH_L5("DCGM_FI_DEV_NVLINK_BANDWIDTH_L5", "NVLink bandwidth (link 5)", COUNT, COUNTER, DEVICE),
    NVLINK_BANDWIDTH_L6("DCGM_FI_DEV_NVLINK_BANDWIDTH_L6", "NVLink bandwidth (link 6)", COUNT, COUNTER, DEVICE),
    NVLINK_BANDWIDTH_L7("DCGM_FI_DEV_NVLINK_BANDWIDTH_L7", "NVLink bandwidth (link 7)", COUNT, COUNTER, DEVICE),
    NVLINK_BANDWIDTH_L8("DCGM_FI_DEV_NVLINK_BANDWIDTH_L8", "NVLink bandwidth (link 8)", COUNT, COUNTER, DEVICE),
    NVLINK_BANDWIDTH_L9("DCGM_FI_DEV_NVLINK_BANDWIDTH_L9", "NVLink bandwidth (link 9)", COUNT, COUNTER, DEVICE),
    NVLINK_BANDWIDTH_L10("DCGM_FI_DEV_NVLINK_BANDWIDTH_L10", "NVLink bandwidth (link 10)", COUNT, COUNTER, DEVICE),
    NVLINK_BANDWIDTH_L11("DCGM_FI_DEV_NVLINK_BANDWIDTH_L11", "NVLink bandwidth (link 11)", COUNT, COUNTER, DEVICE),
    NVLINK_BANDWIDTH_L12("DCGM_FI_DEV_NVLINK_BANDWIDTH_L12", "NVLink bandwidth (link 12)", COUNT, COUNTER, DEVICE),
    NVLINK_BANDWIDTH_L13("DCGM_FI_DEV_NVLINK_BANDWIDTH_L13", "NVLink bandwidth (link 13)", COUNT, COUNTER, DEVICE),
    NVLINK_BANDWIDTH_L14("DCGM_FI_DEV_NVLINK_BANDWIDTH_L14", "NVLink bandwidth (link 14)", COUNT, COUNTER, DEVICE),
    NVLINK_BANDWIDTH_L15("DCGM_FI_DEV_NVLINK_BANDWIDTH_L15", "NVLink bandwidth (link 15)", COUNT, COUNTER, DEVICE),
    NVLINK_BANDWIDTH_L16("DCGM_FI_DEV_NVLINK_BANDWIDTH_L16", "NVLink bandwidth (link 16)", COUNT, COUNTER, DEVICE),
    NVLINK_BANDWIDTH_L17("DCGM_FI_DEV_NVLINK_BANDWIDTH_L17", "NVLink bandwidth (link 17)", COUNT, COUNTER, DEVICE),
    // Fields real exporters emit beyond the shipped CSVs (seen in the fixtures).
    FAN_SPEED("DCGM_FI_DEV_FAN_SPEED", "Fan speed", PERCENT, GAUGE, DEVICE),
    PSTATE("DCGM_FI_DEV_PSTATE", "Performance state", CODE, GAUGE, DEVICE),
    SLOWDOWN_TEMP("DCGM_FI_DEV_SLOWDOWN_TEMP", "Slowdown temperature", CELSIUS, GAUGE, DEVICE),
    // Despite its name DCGM reports a fraction, 0.0 to 1.0.
    FB_USED_PERCENT("DCGM_FI_DEV_FB_USED_PERCENT", "Framebuffer used share", RATIO, GAUGE, INSTANCE);

    private static final Metric[] ALL = values();
    private static final Map<String, Metric> BY_FIELD = new HashMap<>();
    private static final int NVLINK_LINKS = 18;

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
    private final MetricScope scope;
    private final double wireScale;

    Metric(String field, String displayName, Unit unit, MetricKind kind, MetricScope scope) {
        this(field, displayName, unit, kind, scope, 1.0);
    }

    Metric(String field, String displayName, Unit unit, MetricKind kind, MetricScope scope, double wireScale) {
        this.field = field;
        this.displayName = displayName;
        this.unit = unit;
        this.kind = kind;
        this.scope = scope;
        this.wireScale = wireScale;
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

    /// How many NVLink links have their own bandwidth field (`…_L0` to `…_L17`).
    public static int nvlinkLinkCount() {
        return NVLINK_LINKS;
    }

    /// The bandwidth counter of NVLink link `link` (0-based).
    public static Metric nvlinkBandwidth(int link) {
        if (link < 0 || link >= NVLINK_LINKS) {
            throw new IllegalArgumentException("NVLink link " + link + " is not in 0.." + (NVLINK_LINKS - 1));
        }
        return ALL[NVLINK_BANDWIDTH_L0.ordinal() + link];
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

    /// Whether the value belongs to the physical GPU, is a share of it, or to what the series
    /// is labelled with (a MIG instance on a MIG card); see [MetricScope].
    public MetricScope scope() {
        return scope;
    }

    /// The NVLink link this per-link field is for, or `-1` for every other metric.
    public int nvlinkLink() {
        int link = ordinal() - NVLINK_BANDWIDTH_L0.ordinal();
        return link >= 0 && link < NVLINK_LINKS ? link : -1;
    }

    /// The exporter's number in this metric's [#unit()]: `NaN` stays `NaN`.
    ///
    /// Almost every field is already in its unit; the NVML PCIe throughput fields arrive in
    /// KB/s and are kept in B/s so all byte rates format alike.
    public double fromWire(double exporterValue) {
        return wireScale == 1.0 ? exporterValue : exporterValue * wireScale;
    }
}
