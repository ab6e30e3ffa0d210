package dev.gpufleet.nvml;

import static dev.gpufleet.nvml.NvmlLayouts.offset;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/// Sizes and offsets of every layout, worked out by hand from `nvml.h`'s C declarations
/// (x86-64 and arm64, Linux and Windows: `unsigned int` 4 bytes aligned 4, `unsigned long long`
/// 8 aligned 8, a handle a pointer of 8; a struct is padded to its widest member's alignment).
class NvmlLayoutsTest {

    /// ```c
    /// typedef struct nvmlPciInfo_st {
    ///     char busIdLegacy[16];      // 0
    ///     unsigned int domain;       // 16
    ///     unsigned int bus;          // 20
    ///     unsigned int device;       // 24
    ///     unsigned int pciDeviceId;  // 28
    ///     unsigned int pciSubSystemId; // 32
    ///     char busId[32];            // 36 .. 68
    /// } nvmlPciInfo_t;               // 68, alignment 4
    /// ```
    @Test
    void pciInfoMatchesTheHeader() {
        assertThat(NvmlLayouts.PCI_INFO.byteSize()).isEqualTo(68);
        assertThat(NvmlLayouts.PCI_INFO.byteAlignment()).isEqualTo(4);
        assertThat(offset(NvmlLayouts.PCI_INFO, "busIdLegacy")).isZero();
        assertThat(offset(NvmlLayouts.PCI_INFO, "domain")).isEqualTo(16);
        assertThat(offset(NvmlLayouts.PCI_INFO, "bus")).isEqualTo(20);
        assertThat(offset(NvmlLayouts.PCI_INFO, "device")).isEqualTo(24);
        assertThat(offset(NvmlLayouts.PCI_INFO, "pciDeviceId")).isEqualTo(28);
        assertThat(offset(NvmlLayouts.PCI_INFO, "pciSubSystemId")).isEqualTo(32);
        assertThat(offset(NvmlLayouts.PCI_INFO, "busId")).isEqualTo(36);
    }

    /// ```c
    /// typedef struct nvmlMemory_st { unsigned long long total, free, used; } nvmlMemory_t; // 0, 8, 16 → 24
    /// ```
    @Test
    void memoryMatchesTheHeader() {
        assertThat(NvmlLayouts.MEMORY.byteSize()).isEqualTo(24);
        assertThat(offset(NvmlLayouts.MEMORY, "total")).isZero();
        assertThat(offset(NvmlLayouts.MEMORY, "free")).isEqualTo(8);
        assertThat(offset(NvmlLayouts.MEMORY, "used")).isEqualTo(16);
    }

    /// ```c
    /// typedef struct nvmlMemory_v2_st {
    ///     unsigned int version;        // 0, then 4 bytes of padding
    ///     unsigned long long total;    // 8
    ///     unsigned long long reserved; // 16
    ///     unsigned long long free;     // 24
    ///     unsigned long long used;     // 32
    /// } nvmlMemory_v2_t;               // 40
    /// #define nvmlMemory_v2 NVML_STRUCT_VERSION(Memory, 2)  // sizeof | 2 << 24 = 0x02000028
    /// ```
    @Test
    void memoryV2MatchesTheHeaderAndItsVersionConstant() {
        assertThat(NvmlLayouts.MEMORY_V2.byteSize()).isEqualTo(40);
        assertThat(offset(NvmlLayouts.MEMORY_V2, "version")).isZero();
        assertThat(offset(NvmlLayouts.MEMORY_V2, "total")).isEqualTo(8);
        assertThat(offset(NvmlLayouts.MEMORY_V2, "reserved")).isEqualTo(16);
        assertThat(offset(NvmlLayouts.MEMORY_V2, "free")).isEqualTo(24);
        assertThat(offset(NvmlLayouts.MEMORY_V2, "used")).isEqualTo(32);
        assertThat(NvmlLayouts.MEMORY_V2_VERSION).isEqualTo(0x02000028);
    }

    /// ```c
    /// typedef struct nvmlUtilization_st { unsigned int gpu; unsigned int memory; } nvmlUtilization_t; // 0, 4 → 8
    /// typedef struct nvmlGpuInstancePlacement_st { unsigned int start; unsigned int size; } nvmlGpuInstancePlacement_t; // 0, 4 → 8
    /// ```
    @Test
    void utilizationAndPlacementMatchTheHeader() {
        assertThat(NvmlLayouts.UTILIZATION.byteSize()).isEqualTo(8);
        assertThat(offset(NvmlLayouts.UTILIZATION, "memory")).isEqualTo(4);
        assertThat(NvmlLayouts.GPU_INSTANCE_PLACEMENT.byteSize()).isEqualTo(8);
        assertThat(offset(NvmlLayouts.GPU_INSTANCE_PLACEMENT, "size")).isEqualTo(4);
    }

    /// ```c
    /// typedef struct nvmlGpuInstanceProfileInfo_st {
    ///     unsigned int id;                   // 0
    ///     unsigned int isP2pSupported;       // 4
    ///     unsigned int sliceCount;           // 8
    ///     unsigned int instanceCount;        // 12
    ///     unsigned int multiprocessorCount;  // 16
    ///     unsigned int copyEngineCount;      // 20
    ///     unsigned int decoderCount;         // 24
    ///     unsigned int encoderCount;         // 28
    ///     unsigned int jpegCount;            // 32
    ///     unsigned int ofaCount;             // 36
    ///     unsigned long long memorySizeMB;   // 40
    /// } nvmlGpuInstanceProfileInfo_t;        // 48
    /// ```
    @Test
    void gpuInstanceProfileInfoMatchesTheHeader() {
        assertThat(NvmlLayouts.GPU_INSTANCE_PROFILE_INFO.byteSize()).isEqualTo(48);
        assertThat(offset(NvmlLayouts.GPU_INSTANCE_PROFILE_INFO, "sliceCount")).isEqualTo(8);
        assertThat(offset(NvmlLayouts.GPU_INSTANCE_PROFILE_INFO, "instanceCount")).isEqualTo(12);
        assertThat(offset(NvmlLayouts.GPU_INSTANCE_PROFILE_INFO, "multiprocessorCount")).isEqualTo(16);
        assertThat(offset(NvmlLayouts.GPU_INSTANCE_PROFILE_INFO, "ofaCount")).isEqualTo(36);
        assertThat(offset(NvmlLayouts.GPU_INSTANCE_PROFILE_INFO, "memorySizeMB")).isEqualTo(40);
    }

    /// ```c
    /// typedef struct nvmlGpuInstanceProfileInfo_v2_st {
    ///     unsigned int version;             // 0
    ///     unsigned int id;                  // 4
    ///     unsigned int isP2pSupported;      // 8
    ///     unsigned int sliceCount;          // 12
    ///     unsigned int instanceCount;       // 16
    ///     unsigned int multiprocessorCount; // 20
    ///     unsigned int copyEngineCount;     // 24
    ///     unsigned int decoderCount;        // 28
    ///     unsigned int encoderCount;        // 32
    ///     unsigned int jpegCount;           // 36
    ///     unsigned int ofaCount;            // 40, then 4 bytes of padding
    ///     unsigned long long memorySizeMB;  // 48
    ///     char name[96];                    // 56 .. 152
    /// } nvmlGpuInstanceProfileInfo_v2_t;    // 152; version 152 | 2 << 24 = 0x02000098
    /// ```
    @Test
    void gpuInstanceProfileInfoV2MatchesTheHeader() {
        assertThat(NvmlLayouts.GPU_INSTANCE_PROFILE_INFO_V2.byteSize()).isEqualTo(152);
        assertThat(offset(NvmlLayouts.GPU_INSTANCE_PROFILE_INFO_V2, "id")).isEqualTo(4);
        assertThat(offset(NvmlLayouts.GPU_INSTANCE_PROFILE_INFO_V2, "sliceCount")).isEqualTo(12);
        assertThat(offset(NvmlLayouts.GPU_INSTANCE_PROFILE_INFO_V2, "instanceCount")).isEqualTo(16);
        assertThat(offset(NvmlLayouts.GPU_INSTANCE_PROFILE_INFO_V2, "multiprocessorCount")).isEqualTo(20);
        assertThat(offset(NvmlLayouts.GPU_INSTANCE_PROFILE_INFO_V2, "ofaCount")).isEqualTo(40);
        assertThat(offset(NvmlLayouts.GPU_INSTANCE_PROFILE_INFO_V2, "memorySizeMB")).isEqualTo(48);
        assertThat(offset(NvmlLayouts.GPU_INSTANCE_PROFILE_INFO_V2, "name")).isEqualTo(56);
        assertThat(NvmlLayouts.GPU_INSTANCE_PROFILE_INFO_V2_VERSION).isEqualTo(0x02000098);
    }

    /// ```c
    /// typedef struct nvmlGpuInstanceInfo_st {
    ///     nvmlDevice_t device;                   // 0
    ///     unsigned int id;                       // 8
    ///     unsigned int profileId;                // 12
    ///     nvmlGpuInstancePlacement_t placement;  // 16 (start 16, size 20)
    /// } nvmlGpuInstanceInfo_t;                   // 24
    /// ```
    @Test
    void gpuInstanceInfoMatchesTheHeader() {
        assertThat(NvmlLayouts.GPU_INSTANCE_INFO.byteSize()).isEqualTo(24);
        assertThat(offset(NvmlLayouts.GPU_INSTANCE_INFO, "id")).isEqualTo(8);
        assertThat(offset(NvmlLayouts.GPU_INSTANCE_INFO, "profileId")).isEqualTo(12);
        assertThat(offset(NvmlLayouts.GPU_INSTANCE_INFO, "placement", "start")).isEqualTo(16);
        assertThat(offset(NvmlLayouts.GPU_INSTANCE_INFO, "placement", "size")).isEqualTo(20);
    }

    /// ```c
    /// typedef struct nvmlEventData_st {
    ///     nvmlDevice_t device;           // 0
    ///     unsigned long long eventType;  // 8
    ///     unsigned long long eventData;  // 16
    ///     unsigned int gpuInstanceId;    // 24
    ///     unsigned int computeInstanceId;// 28
    /// } nvmlEventData_t;                 // 32
    /// ```
    @Test
    void eventDataMatchesTheHeader() {
        assertThat(NvmlLayouts.EVENT_DATA.byteSize()).isEqualTo(32);
        assertThat(offset(NvmlLayouts.EVENT_DATA, "eventType")).isEqualTo(8);
        assertThat(offset(NvmlLayouts.EVENT_DATA, "eventData")).isEqualTo(16);
        assertThat(offset(NvmlLayouts.EVENT_DATA, "gpuInstanceId")).isEqualTo(24);
        assertThat(offset(NvmlLayouts.EVENT_DATA, "computeInstanceId")).isEqualTo(28);
    }
}
