package dev.gpufleet.nvml;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.paddingLayout;
import static java.lang.foreign.MemoryLayout.sequenceLayout;
import static java.lang.foreign.MemoryLayout.structLayout;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.charset.StandardCharsets;

/// The `nvml.h` structs gpufleet reads, as FFM layouts, and their decoders.
///
/// Each layout repeats the header's C declaration above it; `NvmlLayoutsTest` checks sizes and
/// offsets against values worked out by hand from those declarations (LP64 and LLP64 agree on
/// every type used here: `unsigned int` is 4 bytes, `unsigned long long` 8, a handle a pointer).
public final class NvmlLayouts {

    /// `NVML_DEVICE_PCI_BUS_ID_BUFFER_V2_SIZE` and `NVML_DEVICE_PCI_BUS_ID_BUFFER_SIZE`.
    static final int BUS_ID_LEGACY_CHARS = 16;
    static final int BUS_ID_CHARS = 32;
    /// `NVML_DEVICE_NAME_V2_BUFFER_SIZE` and `NVML_DEVICE_UUID_V2_BUFFER_SIZE`; text calls with a
    /// smaller limit (`NVML_SYSTEM_DRIVER_VERSION_BUFFER_SIZE`, 80) get the same, larger buffer.
    static final int TEXT_BUFFER = 96;

    /// ```c
    /// typedef struct nvmlPciInfo_st {
    ///     char busIdLegacy[NVML_DEVICE_PCI_BUS_ID_BUFFER_V2_SIZE];  // 16
    ///     unsigned int domain;
    ///     unsigned int bus;
    ///     unsigned int device;
    ///     unsigned int pciDeviceId;
    ///     unsigned int pciSubSystemId;
    ///     char busId[NVML_DEVICE_PCI_BUS_ID_BUFFER_SIZE];           // 32
    /// } nvmlPciInfo_t;
    /// ```
    public static final StructLayout PCI_INFO = structLayout(
            sequenceLayout(BUS_ID_LEGACY_CHARS, JAVA_BYTE).withName("busIdLegacy"),
            JAVA_INT.withName("domain"),
            JAVA_INT.withName("bus"),
            JAVA_INT.withName("device"),
            JAVA_INT.withName("pciDeviceId"),
            JAVA_INT.withName("pciSubSystemId"),
            sequenceLayout(BUS_ID_CHARS, JAVA_BYTE).withName("busId")).withName("nvmlPciInfo_t");

    /// ```c
    /// typedef struct nvmlMemory_st {
    ///     unsigned long long total;
    ///     unsigned long long free;
    ///     unsigned long long used;
    /// } nvmlMemory_t;
    /// ```
    public static final StructLayout MEMORY = structLayout(
            JAVA_LONG.withName("total"),
            JAVA_LONG.withName("free"),
            JAVA_LONG.withName("used")).withName("nvmlMemory_t");

    /// ```c
    /// typedef struct nvmlMemory_v2_st {
    ///     unsigned int version;        // nvmlMemory_v2 = sizeof(nvmlMemory_v2_t) | 2 << 24
    ///     unsigned long long total;
    ///     unsigned long long reserved;
    ///     unsigned long long free;
    ///     unsigned long long used;
    /// } nvmlMemory_v2_t;
    /// ```
    public static final StructLayout MEMORY_V2 = structLayout(
            JAVA_INT.withName("version"),
            paddingLayout(4),
            JAVA_LONG.withName("total"),
            JAVA_LONG.withName("reserved"),
            JAVA_LONG.withName("free"),
            JAVA_LONG.withName("used")).withName("nvmlMemory_v2_t");

    /// The `version` value `nvmlDeviceGetMemoryInfo_v2` expects: `NVML_STRUCT_VERSION(Memory, 2)`.
    public static final int MEMORY_V2_VERSION = (int) MEMORY_V2.byteSize() | 2 << 24;

    /// ```c
    /// typedef struct nvmlUtilization_st {
    ///     unsigned int gpu;
    ///     unsigned int memory;
    /// } nvmlUtilization_t;
    /// ```
    public static final StructLayout UTILIZATION = structLayout(
            JAVA_INT.withName("gpu"),
            JAVA_INT.withName("memory")).withName("nvmlUtilization_t");

    /// ```c
    /// typedef struct nvmlGpuInstancePlacement_st {
    ///     unsigned int start;
    ///     unsigned int size;
    /// } nvmlGpuInstancePlacement_t;
    /// ```
    public static final StructLayout GPU_INSTANCE_PLACEMENT = structLayout(
            JAVA_INT.withName("start"),
            JAVA_INT.withName("size")).withName("nvmlGpuInstancePlacement_t");

    /// ```c
    /// typedef struct nvmlGpuInstanceProfileInfo_st {
    ///     unsigned int id;
    ///     unsigned int isP2pSupported;
    ///     unsigned int sliceCount;
    ///     unsigned int instanceCount;
    ///     unsigned int multiprocessorCount;
    ///     unsigned int copyEngineCount;
    ///     unsigned int decoderCount;
    ///     unsigned int encoderCount;
    ///     unsigned int jpegCount;
    ///     unsigned int ofaCount;
    ///     unsigned long long memorySizeMB;
    /// } nvmlGpuInstanceProfileInfo_t;
    /// ```
    public static final StructLayout GPU_INSTANCE_PROFILE_INFO = structLayout(
            JAVA_INT.withName("id"),
            JAVA_INT.withName("isP2pSupported"),
            JAVA_INT.withName("sliceCount"),
            JAVA_INT.withName("instanceCount"),
            JAVA_INT.withName("multiprocessorCount"),
            JAVA_INT.withName("copyEngineCount"),
            JAVA_INT.withName("decoderCount"),
            JAVA_INT.withName("encoderCount"),
            JAVA_INT.withName("jpegCount"),
            JAVA_INT.withName("ofaCount"),
            JAVA_LONG.withName("memorySizeMB")).withName("nvmlGpuInstanceProfileInfo_t");

    /// ```c
    /// typedef struct nvmlGpuInstanceProfileInfo_v2_st {
    ///     unsigned int version;      // nvmlGpuInstanceProfileInfo_v2 = sizeof | 2 << 24
    ///     unsigned int id;
    ///     unsigned int isP2pSupported;
    ///     unsigned int sliceCount;
    ///     unsigned int instanceCount;
    ///     unsigned int multiprocessorCount;
    ///     unsigned int copyEngineCount;
    ///     unsigned int decoderCount;
    ///     unsigned int encoderCount;
    ///     unsigned int jpegCount;
    ///     unsigned int ofaCount;     // then 4 bytes of padding
    ///     unsigned long long memorySizeMB;
    ///     char name[NVML_DEVICE_NAME_V2_BUFFER_SIZE];  // 96, e.g. "MIG 1g.18gb"
    /// } nvmlGpuInstanceProfileInfo_v2_t;
    /// ```
    public static final StructLayout GPU_INSTANCE_PROFILE_INFO_V2 = structLayout(
            JAVA_INT.withName("version"),
            JAVA_INT.withName("id"),
            JAVA_INT.withName("isP2pSupported"),
            JAVA_INT.withName("sliceCount"),
            JAVA_INT.withName("instanceCount"),
            JAVA_INT.withName("multiprocessorCount"),
            JAVA_INT.withName("copyEngineCount"),
            JAVA_INT.withName("decoderCount"),
            JAVA_INT.withName("encoderCount"),
            JAVA_INT.withName("jpegCount"),
            JAVA_INT.withName("ofaCount"),
            paddingLayout(4),
            JAVA_LONG.withName("memorySizeMB"),
            sequenceLayout(TEXT_BUFFER, JAVA_BYTE).withName("name")).withName("nvmlGpuInstanceProfileInfo_v2_t");

    /// The `version` value `nvmlDeviceGetGpuInstanceProfileInfoV` expects.
    public static final int GPU_INSTANCE_PROFILE_INFO_V2_VERSION =
            (int) GPU_INSTANCE_PROFILE_INFO_V2.byteSize() | 2 << 24;

    /// ```c
    /// typedef struct nvmlGpuInstanceInfo_st {
    ///     nvmlDevice_t device;
    ///     unsigned int id;
    ///     unsigned int profileId;
    ///     nvmlGpuInstancePlacement_t placement;
    /// } nvmlGpuInstanceInfo_t;
    /// ```
    public static final StructLayout GPU_INSTANCE_INFO = structLayout(
            ADDRESS.withName("device"),
            JAVA_INT.withName("id"),
            JAVA_INT.withName("profileId"),
            GPU_INSTANCE_PLACEMENT.withName("placement")).withName("nvmlGpuInstanceInfo_t");

    /// ```c
    /// typedef struct nvmlEventData_st {
    ///     nvmlDevice_t device;
    ///     unsigned long long eventType;
    ///     unsigned long long eventData;        // the XID for nvmlEventTypeXidCriticalError
    ///     unsigned int gpuInstanceId;          // 0xFFFFFFFF when not attributable
    ///     unsigned int computeInstanceId;
    /// } nvmlEventData_t;
    /// ```
    public static final StructLayout EVENT_DATA = structLayout(
            ADDRESS.withName("device"),
            JAVA_LONG.withName("eventType"),
            JAVA_LONG.withName("eventData"),
            JAVA_INT.withName("gpuInstanceId"),
            JAVA_INT.withName("computeInstanceId")).withName("nvmlEventData_t");

    private NvmlLayouts() {
    }

    /// The byte offset of a named field, e.g. `offset(PCI_INFO, "busId")`.
    public static long offset(MemoryLayout layout, String... path) {
        MemoryLayout.PathElement[] elements = new MemoryLayout.PathElement[path.length];
        for (int i = 0; i < path.length; i++) {
            elements[i] = groupElement(path[i]);
        }
        return layout.byteOffset(elements);
    }

    static int intAt(MemorySegment struct, StructLayout layout, String field) {
        return struct.get(JAVA_INT, offset(layout, field));
    }

    static long longAt(MemorySegment struct, StructLayout layout, String field) {
        return struct.get(JAVA_LONG, offset(layout, field));
    }

    /// A NUL-terminated string inside a fixed buffer; a buffer without NUL is read whole
    /// rather than past its end.
    static String text(MemorySegment buffer, long offset, int capacity) {
        int length = 0;
        while (length < capacity && buffer.get(JAVA_BYTE, offset + length) != 0) {
            length++;
        }
        byte[] bytes = new byte[length];
        MemorySegment.copy(buffer, JAVA_BYTE, offset, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
