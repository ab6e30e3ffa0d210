package dev.gpufleet.core.topology;

import java.util.Locale;
import java.util.Optional;

/// How two devices reach each other, in the words of `nvidia-smi topo -m`'s legend, ordered
/// from the closest (the device itself) to the farthest.
public enum LinkKind {
    /// The device itself (`X`).
    SELF("X", "Self"),
    /// A bonded set of NVLinks (`NV#`), directly or through NVSwitch; see [Link#viaSwitch()].
    NVLINK("NV#", "NVLink"),
    /// At most one PCIe bridge (`PIX`).
    PIX("PIX", "PCIe, one bridge"),
    /// Several PCIe bridges, no host bridge (`PXB`).
    PXB("PXB", "PCIe, several bridges"),
    /// PCIe through a host bridge, typically the CPU (`PHB`).
    PHB("PHB", "PCIe through the CPU's host bridge"),
    /// PCIe and the link between host bridges within one NUMA node (`NODE`).
    NODE("NODE", "PCIe within a NUMA node"),
    /// PCIe and the SMP interconnect between NUMA nodes, e.g. QPI/UPI (`SYS`).
    SYS("SYS", "PCIe across NUMA nodes"),
    /// Older drivers' name for a path across CPU sockets (`SOC`).
    SOC("SOC", "PCIe across CPU sockets");

    private final String code;
    private final String description;

    LinkKind(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /// The code as the legend prints it (`NV#` for NVLink).
    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    /// Whether data between the two devices travels over PCIe (every kind but self and NVLink).
    public boolean isPcie() {
        return this != SELF && this != NVLINK;
    }

    /// The kind a fixed code stands for (`X`, `PIX`, … ; not `NV#`, whose cells carry a count).
    static Optional<LinkKind> byCode(String code) {
        String upper = code.toUpperCase(Locale.ROOT);
        for (LinkKind kind : values()) {
            if (kind != NVLINK && kind.code.equals(upper)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
