package dev.gpufleet.nvml;

/// `nvmlGpuTopologyLevel_t`: how far apart two devices sit in the PCIe tree, with the short
/// name `nvidia-smi topo -m` prints for the same relation.
public enum NvmlTopologyLevel {
    INTERNAL(0, "SELF"),
    SINGLE(10, "PIX"),
    MULTIPLE(20, "PXB"),
    HOSTBRIDGE(30, "PHB"),
    NODE(40, "NODE"),
    SYSTEM(50, "SYS"),
    UNKNOWN(-1, "?");

    private final int code;
    private final String matrixName;

    NvmlTopologyLevel(int code, String matrixName) {
        this.code = code;
        this.matrixName = matrixName;
    }

    public int code() {
        return code;
    }

    /// The `nvidia-smi topo -m` cell text for this relation.
    public String matrixName() {
        return matrixName;
    }

    public static NvmlTopologyLevel of(int code) {
        for (NvmlTopologyLevel level : values()) {
            if (level.code == code) {
                return level;
            }
        }
        return UNKNOWN;
    }
}
