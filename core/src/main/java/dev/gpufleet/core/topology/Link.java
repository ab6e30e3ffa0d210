package dev.gpufleet.core.topology;

/// One cell of the topology matrix: how a row's device reaches a column's device.
///
/// @param kind      the kind of path
/// @param nvlinks   for [LinkKind#NVLINK], how many links are bonded (the `#` of `NV#`); else 0
/// @param viaSwitch for NVLink, whether the links go through NVSwitch chips rather than straight
///                  to the peer (`nvidia-smi` prints both as `NV#`; [GpuTopology] infers which)
public record Link(LinkKind kind, int nvlinks, boolean viaSwitch) {

    public static final Link SELF = new Link(LinkKind.SELF, 0, false);

    public Link {
        if ((kind == LinkKind.NVLINK) != (nvlinks > 0)) {
            throw new IllegalArgumentException("an NVLink cell needs a bond count above 0, other cells none: "
                    + kind + " " + nvlinks);
        }
        if (viaSwitch && kind != LinkKind.NVLINK) {
            throw new IllegalArgumentException("only NVLink goes through NVSwitch: " + kind);
        }
    }

    public static Link of(LinkKind kind) {
        return new Link(kind, 0, false);
    }

    public static Link nvlink(int bonded, boolean viaSwitch) {
        return new Link(LinkKind.NVLINK, bonded, viaSwitch);
    }

    /// The cell as `nvidia-smi` prints it: `X`, `NV12`, `SYS`, …
    public String code() {
        return kind == LinkKind.NVLINK ? "NV" + nvlinks : kind.code();
    }

    @Override
    public String toString() {
        return code() + (viaSwitch ? " (NVSwitch)" : "");
    }
}
