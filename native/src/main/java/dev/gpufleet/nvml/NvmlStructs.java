package dev.gpufleet.nvml;

import static dev.gpufleet.nvml.NvmlLayouts.EVENT_DATA;
import static dev.gpufleet.nvml.NvmlLayouts.GPU_INSTANCE_INFO;
import static dev.gpufleet.nvml.NvmlLayouts.GPU_INSTANCE_PLACEMENT;
import static dev.gpufleet.nvml.NvmlLayouts.GPU_INSTANCE_PROFILE_INFO;
import static dev.gpufleet.nvml.NvmlLayouts.GPU_INSTANCE_PROFILE_INFO_V2;
import static dev.gpufleet.nvml.NvmlLayouts.MEMORY;
import static dev.gpufleet.nvml.NvmlLayouts.MEMORY_V2;
import static dev.gpufleet.nvml.NvmlLayouts.PCI_INFO;
import static dev.gpufleet.nvml.NvmlLayouts.UTILIZATION;
import static dev.gpufleet.nvml.NvmlLayouts.intAt;
import static dev.gpufleet.nvml.NvmlLayouts.longAt;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/// Decoded copies of the NVML structs: plain values, no native memory behind them.
///
/// `unsigned` C fields are widened so that large values stay positive.
public final class NvmlStructs {

    private NvmlStructs() {
    }

    /// `nvmlPciInfo_t`: `busId` is the `domain:bus:device.function` text NVIDIA tools print.
    public record PciInfo(String busId, long domain, int bus, int device, long pciDeviceId, long pciSubSystemId) {

        public static PciInfo decode(MemorySegment struct) {
            return new PciInfo(
                    NvmlLayouts.text(struct, NvmlLayouts.offset(PCI_INFO, "busId"), NvmlLayouts.BUS_ID_CHARS),
                    Integer.toUnsignedLong(intAt(struct, PCI_INFO, "domain")),
                    intAt(struct, PCI_INFO, "bus"),
                    intAt(struct, PCI_INFO, "device"),
                    Integer.toUnsignedLong(intAt(struct, PCI_INFO, "pciDeviceId")),
                    Integer.toUnsignedLong(intAt(struct, PCI_INFO, "pciSubSystemId")));
        }
    }

    /// `nvmlMemory_v2_t` in bytes. The header says `used` includes `reserved`; driver 580 on an
    /// H200 reports total = used + free + reserved, and `nvidia-smi` shows `used` as it is.
    public record Memory(long total, long reserved, long free, long used) {

        public static Memory decode(MemorySegment struct) {
            return new Memory(longAt(struct, MEMORY_V2, "total"), longAt(struct, MEMORY_V2, "reserved"),
                    longAt(struct, MEMORY_V2, "free"), longAt(struct, MEMORY_V2, "used"));
        }

        /// `nvmlMemory_t`, which has no reserved field.
        public static Memory decodeV1(MemorySegment struct) {
            return new Memory(longAt(struct, MEMORY, "total"), 0,
                    longAt(struct, MEMORY, "free"), longAt(struct, MEMORY, "used"));
        }
    }

    /// `nvmlUtilization_t`: percent of the last sample period the GPU (memory) was busy.
    public record Utilization(int gpuPercent, int memoryPercent) {

        public static Utilization decode(MemorySegment struct) {
            return new Utilization(intAt(struct, UTILIZATION, "gpu"), intAt(struct, UTILIZATION, "memory"));
        }
    }

    /// `nvmlGpuInstancePlacement_t`: first memory slice and slice count.
    public record Placement(int start, int size) {

        public static Placement decode(MemorySegment struct) {
            return new Placement(intAt(struct, GPU_INSTANCE_PLACEMENT, "start"),
                    intAt(struct, GPU_INSTANCE_PLACEMENT, "size"));
        }
    }

    /// The fields of `nvmlGpuInstanceProfileInfo_t` (v1) or `_v2_t` the console uses; `name`
    /// (`MIG 1g.18gb`) exists only in v2 and is empty from v1.
    public record GpuInstanceProfile(int id, int sliceCount, int instanceCount, int multiprocessorCount,
            long memorySizeMiB, String name) {

        public static GpuInstanceProfile decode(MemorySegment struct) {
            return new GpuInstanceProfile(
                    intAt(struct, GPU_INSTANCE_PROFILE_INFO, "id"),
                    intAt(struct, GPU_INSTANCE_PROFILE_INFO, "sliceCount"),
                    intAt(struct, GPU_INSTANCE_PROFILE_INFO, "instanceCount"),
                    intAt(struct, GPU_INSTANCE_PROFILE_INFO, "multiprocessorCount"),
                    longAt(struct, GPU_INSTANCE_PROFILE_INFO, "memorySizeMB"), "");
        }

        public static GpuInstanceProfile decodeV2(MemorySegment struct) {
            return new GpuInstanceProfile(
                    intAt(struct, GPU_INSTANCE_PROFILE_INFO_V2, "id"),
                    intAt(struct, GPU_INSTANCE_PROFILE_INFO_V2, "sliceCount"),
                    intAt(struct, GPU_INSTANCE_PROFILE_INFO_V2, "instanceCount"),
                    intAt(struct, GPU_INSTANCE_PROFILE_INFO_V2, "multiprocessorCount"),
                    longAt(struct, GPU_INSTANCE_PROFILE_INFO_V2, "memorySizeMB"),
                    NvmlLayouts.text(struct, NvmlLayouts.offset(GPU_INSTANCE_PROFILE_INFO_V2, "name"),
                            NvmlLayouts.TEXT_BUFFER));
        }
    }

    /// `nvmlGpuInstanceInfo_t` without its device handle.
    public record GpuInstanceInfo(int id, int profileId, Placement placement) {

        public static GpuInstanceInfo decode(MemorySegment struct) {
            MemorySegment placement = struct.asSlice(NvmlLayouts.offset(GPU_INSTANCE_INFO, "placement"),
                    GPU_INSTANCE_PLACEMENT.byteSize());
            return new GpuInstanceInfo(intAt(struct, GPU_INSTANCE_INFO, "id"),
                    intAt(struct, GPU_INSTANCE_INFO, "profileId"), Placement.decode(placement));
        }
    }

    /// `nvmlEventData_t`: the device handle's address (to match against enumerated handles),
    /// the event type bit, its data (the XID for a critical-error event) and the MIG ids,
    /// `-1` where NVML could not attribute the event (it writes `0xFFFFFFFF`).
    public record EventData(long deviceAddress, long eventType, long eventData, int gpuInstanceId,
            int computeInstanceId) {

        public static EventData decode(MemorySegment struct) {
            return new EventData(
                    struct.get(ValueLayout.ADDRESS, NvmlLayouts.offset(EVENT_DATA, "device")).address(),
                    longAt(struct, EVENT_DATA, "eventType"), longAt(struct, EVENT_DATA, "eventData"),
                    intAt(struct, EVENT_DATA, "gpuInstanceId"), intAt(struct, EVENT_DATA, "computeInstanceId"));
        }
    }
}
