package dev.gpufleet.nvml;

import dev.gpufleet.core.topology.LinkKind;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/// `nvmlGpuTopologyLevel_t`: how far apart two devices sit in the PCIe tree, and the core
/// [LinkKind] (`nvidia-smi topo -m`'s cell) for the same relation.
public enum NvmlTopologyLevel {
    /// Two GPUs on one board, behind its own bridge.
    INTERNAL(0, LinkKind.PIX),
    SINGLE(10, LinkKind.PIX),
    MULTIPLE(20, LinkKind.PXB),
    HOSTBRIDGE(30, LinkKind.PHB),
    NODE(40, LinkKind.NODE),
    SYSTEM(50, LinkKind.SYS),
    UNKNOWN(-1, null);

    private final int code;
    private final @Nullable LinkKind linkKind;

    NvmlTopologyLevel(int code, @Nullable LinkKind linkKind) {
        this.code = code;
        this.linkKind = linkKind;
    }

    public int code() {
        return code;
    }

    /// The relation as core's topology model names it; empty for a level this binding does not know.
    public Optional<LinkKind> linkKind() {
        return Optional.ofNullable(linkKind);
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
