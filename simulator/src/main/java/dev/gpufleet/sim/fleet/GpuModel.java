package dev.gpufleet.sim.fleet;

import java.util.List;
import java.util.Locale;

/// The GPU products the simulated fleet is built from, with the figures their drivers report.
public enum GpuModel {
    H100("NVIDIA H100 80GB HBM3", "NVIDIA-H100-80GB-HBM3", "hopper", 9, 0,
            new Specs(81559, 542, 700, 72, 1980, 2619, 900),
            new int[] {0x18, 0x2A, 0x3A, 0x5D, 0x9A, 0xAB, 0xBA, 0xDB}, true),
    H200("NVIDIA H200", "NVIDIA-H200", "hopper", 9, 0,
            new Specs(143771, 594, 700, 78, 1980, 3201, 900),
            new int[] {0x19, 0x3B, 0x4C, 0x5D, 0x9B, 0xBB, 0xCB, 0xDB}, false),
    A100("NVIDIA A100-SXM4-80GB", "NVIDIA-A100-SXM4-80GB", "ampere", 8, 0,
            new Specs(81920, 574, 400, 58, 1410, 1593, 600),
            new int[] {0x07, 0x0F, 0x47, 0x4E, 0x87, 0x90, 0xB7, 0xBD}, true),
    L40S("NVIDIA L40S", "NVIDIA-L40S", "ada-lovelace", 8, 9,
            new Specs(46068, 502, 350, 33, 2520, 9001, 0),
            new int[] {0x1B, 0x1C, 0x3D, 0x3E, 0x9D, 0x9E, 0xBD, 0xBE}, false),
    /// AMD's accelerator: named as amd-smi (`card_series`) and the node labeller
    /// (`amd.com/gpu.product-name`, `amd.com/gpu.family`) name it; gfx942.
    MI300X("AMD Instinct MI300X OAM", "AMD_Instinct_MI300X_OAM", "AI", 9, 4,
            new Specs(196592, 0, 750, 140, 2100, 1300, 0),
            new int[] {0x05, 0x15, 0x65, 0x75, 0x85, 0x95, 0xE5, 0xF5}, false);

    /// What the driver reports for one model.
    ///
    /// @param memoryMiB    total framebuffer, as `nvidia.com/gpu.memory` and DCGM report it
    /// @param reservedMiB  framebuffer the driver reserves (`DCGM_FI_DEV_FB_RESERVED`)
    /// @param tdpWatts     power limit
    /// @param idleWatts    power drawn by an idle GPU
    /// @param maxSmClock   boost SM clock in MHz
    /// @param memClock     memory clock in MHz
    /// @param nvlinkGBps   NVLink bandwidth per GPU in GB/s, 0 without NVLink
    public record Specs(int memoryMiB, int reservedMiB, int tdpWatts, int idleWatts,
            int maxSmClock, int memClock, int nvlinkGBps) {
    }

    private final String productName;
    private final String gfdProduct;
    private final String family;
    private final int computeMajor;
    private final int computeMinor;
    private final Specs specs;
    private final int[] pciBuses;
    private final boolean migCapable;

    GpuModel(String productName, String gfdProduct, String family, int computeMajor,
            int computeMinor, Specs specs, int[] pciBuses, boolean migCapable) {
        this.productName = productName;
        this.gfdProduct = gfdProduct;
        this.family = family;
        this.computeMajor = computeMajor;
        this.computeMinor = computeMinor;
        this.specs = specs;
        this.pciBuses = pciBuses;
        this.migCapable = migCapable;
    }

    /// Whether the product is AMD's: its nodes run the AMD GPU Operator and advertise
    /// `amd.com/gpu`, and its telemetry is the ROCm device-metrics-exporter's.
    public boolean amd() {
        return this == MI300X;
    }

    /// The name the driver reports: NVML's, as in dcgm-exporter's `modelName` label, or
    /// amd-smi's, as in the AMD exporter's `card_series` label.
    public String productName() {
        return productName;
    }

    /// GPU Feature Discovery's `nvidia.com/gpu.product` value (spaces become dashes), or the AMD
    /// node labeller's `amd.com/gpu.product-name` (spaces become underscores).
    public String gfdProduct() {
        return gfdProduct;
    }

    public String family() {
        return family;
    }

    public int computeMajor() {
        return computeMajor;
    }

    public int computeMinor() {
        return computeMinor;
    }

    public Specs specs() {
        return specs;
    }

    public boolean migCapable() {
        return migCapable;
    }

    /// MIG profiles this model supports, largest last.
    public List<MigProfile> migProfiles() {
        if (!migCapable) {
            return List.of();
        }
        if (this == A100) {
            return List.of(MigProfile.G1_10GB, MigProfile.G2_20GB, MigProfile.G3_40GB, MigProfile.G7_80GB);
        }
        return List.of(MigProfile.values());
    }

    /// The `pci_bus_id` dcgm-exporter prints for GPU `index` of a node, as on an 8-GPU board.
    public String pciBusId(int index) {
        int bus = index < pciBuses.length ? pciBuses[index] : (0x10 + 0x11 * index) & 0xFF;
        return String.format(Locale.ROOT, "00000000:%02X:00.0", bus);
    }
}
