package dev.gpufleet.nvml;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// What NVML said about this machine in one read: plain values, no native memory behind them.
///
/// A field is `null` when the GPU does not offer it (`NVML_ERROR_NOT_SUPPORTED` and kin); a
/// reading that failed for another reason is `null` too and named in the device's `problems`.
public record NvmlSnapshot(Instant time, String driverVersion, String nvmlVersion, List<Device> devices,
        List<TopologyPair> topology, long readNanos) {

    public NvmlSnapshot {
        Objects.requireNonNull(time, "time");
        devices = List.copyOf(devices);
        topology = List.copyOf(topology);
    }

    /// One physical GPU.
    public record Device(int index, String uuid, String name, NvmlStructs.@Nullable PciInfo pci,
            NvmlStructs.@Nullable Memory memory, NvmlStructs.@Nullable Utilization utilization,
            @Nullable Integer powerMilliwatts, @Nullable Integer powerLimitMilliwatts,
            @Nullable Long energyMillijoules, @Nullable Integer temperatureCelsius, Clocks clocks, Ecc ecc,
            NvmlMig.@Nullable Mode migMode, List<MigDevice> migDevices, List<GpuInstance> gpuInstances,
            List<NvLink> nvLinks, List<String> problems, long readNanos) {

        public Device {
            Objects.requireNonNull(uuid, "uuid");
            migDevices = List.copyOf(migDevices);
            gpuInstances = List.copyOf(gpuInstances);
            nvLinks = List.copyOf(nvLinks);
            problems = List.copyOf(problems);
        }

        public boolean migEnabled() {
            return migMode != null && migMode.current();
        }
    }

    /// Current clocks in MHz.
    public record Clocks(@Nullable Integer graphicsMhz, @Nullable Integer smMhz, @Nullable Integer memoryMhz) {
    }

    /// Total ECC error counts: since the driver loaded (volatile) and over the board's life.
    public record Ecc(@Nullable Long correctedVolatile, @Nullable Long uncorrectedVolatile,
            @Nullable Long correctedAggregate, @Nullable Long uncorrectedAggregate) {
    }

    /// A MIG device (one compute instance inside one GPU instance).
    public record MigDevice(String uuid, String profile, int gpuInstanceId, int computeInstanceId,
            NvmlStructs.@Nullable Memory memory) {
    }

    /// A GPU instance with its profile and memory-slice placement.
    public record GpuInstance(int id, int profileId, String profile, NvmlStructs.Placement placement) {
    }

    /// One NVLink and, when active, the PCI bus id of its far end.
    public record NvLink(int link, boolean active, @Nullable String remoteBusId) {
    }

    /// How two GPUs (by index) are connected through PCIe.
    public record TopologyPair(int first, int second, NvmlTopologyLevel level) {
    }
}
