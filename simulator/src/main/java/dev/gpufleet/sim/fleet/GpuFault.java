package dev.gpufleet.sim.fleet;

/// A hardware or driver fault a simulated GPU suffers from, with the XID the driver logged.
public enum GpuFault {
    FALLEN_OFF_BUS(79, "GPU has fallen off the bus."),
    DOUBLE_BIT_ECC(48, "An uncorrectable double bit error (DBE) has been detected on GPU in the "
            + "framebuffer at partition 6, subpartition 0."),
    THERMAL(0, "HW thermal slowdown is active."),
    GRAPHICS_EXCEPTION(13, "Graphics SM Warp Exception on (GPC 1, TPC 3, SM 0): Out Of Range Address"),
    CONTAINED_ECC(94, "Contained: SM (0x1). RST: No, D-RST: No"),
    /// An AMD card's HBM failing: the amdgpu driver's RAS report (AMD logs no XID).
    AMD_UNCORRECTABLE_ECC(0, "amdgpu: socket: 0, die: 0 2 uncorrectable hardware errors detected in UMC block");

    private final int xid;
    private final String message;

    GpuFault(int xid, String message) {
        this.xid = xid;
        this.message = message;
    }

    /// The XID the driver logged, 0 for faults that raise none.
    public int xid() {
        return xid;
    }

    /// The driver's text for the fault, as it appears in the kernel log.
    public String message() {
        return message;
    }

    /// Whether the fault leaves uncorrectable ECC errors in the framebuffer.
    public boolean uncorrectableEcc() {
        return this == DOUBLE_BIT_ECC || this == CONTAINED_ECC || this == AMD_UNCORRECTABLE_ECC;
    }
}
