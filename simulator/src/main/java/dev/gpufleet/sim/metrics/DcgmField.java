package dev.gpufleet.sim.metrics;

/// The metric families the simulated dcgm-exporter serves, in the order of its counters file
/// (`dcp-metrics-included.csv` with the ECC, violation and profiling fields enabled), with the
/// exporter's HELP text and Prometheus type.
public enum DcgmField {
    SM_CLOCK("DCGM_FI_DEV_SM_CLOCK", false, "SM clock frequency (in MHz).", true, Scope.DEVICE),
    MEM_CLOCK("DCGM_FI_DEV_MEM_CLOCK", false, "Memory clock frequency (in MHz).", true, Scope.DEVICE),
    MEMORY_TEMP("DCGM_FI_DEV_MEMORY_TEMP", false, "Memory temperature (in C).", true, Scope.DEVICE),
    GPU_TEMP("DCGM_FI_DEV_GPU_TEMP", false, "GPU temperature (in C).", true, Scope.DEVICE),
    POWER_USAGE("DCGM_FI_DEV_POWER_USAGE", false, "Power draw (in W).", false, Scope.DEVICE),
    TOTAL_ENERGY_CONSUMPTION("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", true,
            "Total energy consumption since boot (in mJ).", true, Scope.DEVICE),
    PCIE_REPLAY_COUNTER("DCGM_FI_DEV_PCIE_REPLAY_COUNTER", true, "Total number of PCIe retries.", true, Scope.DEVICE),
    GPU_UTIL("DCGM_FI_DEV_GPU_UTIL", false, "GPU utilization (in %).", true, Scope.WHOLE_GPU_ONLY),
    MEM_COPY_UTIL("DCGM_FI_DEV_MEM_COPY_UTIL", false, "Memory utilization (in %).", true, Scope.WHOLE_GPU_ONLY),
    ENC_UTIL("DCGM_FI_DEV_ENC_UTIL", false, "Encoder utilization (in %).", true, Scope.WHOLE_GPU_ONLY),
    DEC_UTIL("DCGM_FI_DEV_DEC_UTIL", false, "Decoder utilization (in %).", true, Scope.WHOLE_GPU_ONLY),
    XID_ERRORS("DCGM_FI_DEV_XID_ERRORS", false, "Value of the last XID error encountered.", true, Scope.DEVICE),
    POWER_VIOLATION("DCGM_FI_DEV_POWER_VIOLATION", true, "Throttling duration due to power constraints (in us).",
            true, Scope.DEVICE),
    THERMAL_VIOLATION("DCGM_FI_DEV_THERMAL_VIOLATION", true,
            "Throttling duration due to thermal constraints (in us).", true, Scope.DEVICE),
    CLOCK_THROTTLE_REASONS("DCGM_FI_DEV_CLOCK_THROTTLE_REASONS", false, "Current clock throttle reasons.", true,
            Scope.DEVICE),
    FB_FREE("DCGM_FI_DEV_FB_FREE", false, "Framebuffer memory free (in MiB).", true, Scope.INSTANCE),
    FB_USED("DCGM_FI_DEV_FB_USED", false, "Framebuffer memory used (in MiB).", true, Scope.INSTANCE),
    FB_RESERVED("DCGM_FI_DEV_FB_RESERVED", false, "Framebuffer memory reserved (in MiB).", true, Scope.INSTANCE),
    ECC_SBE_VOL_TOTAL("DCGM_FI_DEV_ECC_SBE_VOL_TOTAL", true, "Total number of single-bit volatile ECC errors.",
            true, Scope.DEVICE),
    ECC_DBE_VOL_TOTAL("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", true, "Total number of double-bit volatile ECC errors.",
            true, Scope.DEVICE),
    ECC_SBE_AGG_TOTAL("DCGM_FI_DEV_ECC_SBE_AGG_TOTAL", true, "Total number of single-bit persistent ECC errors.",
            true, Scope.DEVICE),
    ECC_DBE_AGG_TOTAL("DCGM_FI_DEV_ECC_DBE_AGG_TOTAL", true, "Total number of double-bit persistent ECC errors.",
            true, Scope.DEVICE),
    RETIRED_SBE("DCGM_FI_DEV_RETIRED_SBE", true, "Total number of retired pages due to single-bit errors.", true,
            Scope.DEVICE),
    RETIRED_DBE("DCGM_FI_DEV_RETIRED_DBE", true, "Total number of retired pages due to double-bit errors.", true,
            Scope.DEVICE),
    NVLINK_BANDWIDTH_TOTAL("DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", true,
            "Total number of NVLink bandwidth counters for all lanes.", true, Scope.DEVICE),
    VGPU_LICENSE_STATUS("DCGM_FI_DEV_VGPU_LICENSE_STATUS", false, "vGPU License status", true, Scope.DEVICE),
    UNCORRECTABLE_REMAPPED_ROWS("DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", true,
            "Number of remapped rows for uncorrectable errors", true, Scope.DEVICE),
    CORRECTABLE_REMAPPED_ROWS("DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS", true,
            "Number of remapped rows for correctable errors", true, Scope.DEVICE),
    ROW_REMAP_FAILURE("DCGM_FI_DEV_ROW_REMAP_FAILURE", false, "Whether remapping of rows has failed", true,
            Scope.DEVICE),
    PROF_GR_ENGINE_ACTIVE("DCGM_FI_PROF_GR_ENGINE_ACTIVE", false, "Ratio of time the graphics engine is active.",
            false, Scope.INSTANCE),
    PROF_SM_ACTIVE("DCGM_FI_PROF_SM_ACTIVE", false, "The ratio of cycles an SM has at least 1 warp assigned.",
            false, Scope.INSTANCE),
    PROF_SM_OCCUPANCY("DCGM_FI_PROF_SM_OCCUPANCY", false, "The ratio of number of warps resident on an SM.", false,
            Scope.INSTANCE),
    PROF_PIPE_TENSOR_ACTIVE("DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", false,
            "Ratio of cycles the tensor (HMMA) pipe is active.", false, Scope.INSTANCE),
    PROF_DRAM_ACTIVE("DCGM_FI_PROF_DRAM_ACTIVE", false,
            "Ratio of cycles the device memory interface is active sending or receiving data.", false, Scope.INSTANCE),
    PROF_PIPE_FP64_ACTIVE("DCGM_FI_PROF_PIPE_FP64_ACTIVE", false, "Ratio of cycles the fp64 pipes are active.",
            false, Scope.INSTANCE),
    PROF_PIPE_FP32_ACTIVE("DCGM_FI_PROF_PIPE_FP32_ACTIVE", false, "Ratio of cycles the fp32 pipes are active.",
            false, Scope.INSTANCE),
    PROF_PIPE_FP16_ACTIVE("DCGM_FI_PROF_PIPE_FP16_ACTIVE", false, "Ratio of cycles the fp16 pipes are active.",
            false, Scope.INSTANCE),
    PROF_PCIE_TX_BYTES("DCGM_FI_PROF_PCIE_TX_BYTES", false, "The rate of data transmitted over the PCIe bus - "
            + "including both protocol headers and data payloads - in bytes per second.", true, Scope.WHOLE_GPU_ONLY),
    PROF_PCIE_RX_BYTES("DCGM_FI_PROF_PCIE_RX_BYTES", false, "The rate of data received over the PCIe bus - "
            + "including both protocol headers and data payloads - in bytes per second.", true, Scope.WHOLE_GPU_ONLY),
    PROF_NVLINK_TX_BYTES("DCGM_FI_PROF_NVLINK_TX_BYTES", false,
            "The rate of data transmitted over NVLink, not including protocol headers, in bytes per second.", true,
            Scope.DEVICE),
    PROF_NVLINK_RX_BYTES("DCGM_FI_PROF_NVLINK_RX_BYTES", false,
            "The rate of data received over NVLink, not including protocol headers, in bytes per second.", true,
            Scope.DEVICE);

    /// Where a field's value comes from on a MIG-enabled GPU.
    public enum Scope {
        /// A device-wide value, repeated on every MIG instance's series.
        DEVICE,
        /// Measured per MIG instance.
        INSTANCE,
        /// Not available for MIG-enabled GPUs: absent from their series.
        WHOLE_GPU_ONLY
    }

    private final String metricName;
    private final boolean counter;
    private final String help;
    private final boolean integer;
    private final Scope scope;

    DcgmField(String metricName, boolean counter, String help, boolean integer, Scope scope) {
        this.metricName = metricName;
        this.counter = counter;
        this.help = help;
        this.integer = integer;
        this.scope = scope;
    }

    public String metricName() {
        return metricName;
    }

    /// `counter` or `gauge`.
    public String promType() {
        return counter ? "counter" : "gauge";
    }

    public String help() {
        return help;
    }

    /// Whether DCGM reports the field as an integer (printed `%d`) rather than a double (`%f`).
    public boolean integer() {
        return integer;
    }

    public Scope scope() {
        return scope;
    }
}
