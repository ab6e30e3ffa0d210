package dev.gpufleet.nvml;

import static dev.gpufleet.nvml.NvmlLayouts.offset;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/// Decoding structs from memory filled the way NVML would fill it.
class NvmlStructsTest {

    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void close() {
        arena.close();
    }

    @Test
    void pciInfoReadsTheBusIdTextAndWidensUnsignedFields() {
        MemorySegment pci = arena.allocate(NvmlLayouts.PCI_INFO);
        putText(pci, offset(NvmlLayouts.PCI_INFO, "busIdLegacy"), "0000:18:00.0");
        putText(pci, offset(NvmlLayouts.PCI_INFO, "busId"), "00000000:18:00.0");
        pci.set(JAVA_INT, offset(NvmlLayouts.PCI_INFO, "domain"), 0);
        pci.set(JAVA_INT, offset(NvmlLayouts.PCI_INFO, "bus"), 0x18);
        pci.set(JAVA_INT, offset(NvmlLayouts.PCI_INFO, "device"), 0);
        pci.set(JAVA_INT, offset(NvmlLayouts.PCI_INFO, "pciDeviceId"), 0x233510DE);
        pci.set(JAVA_INT, offset(NvmlLayouts.PCI_INFO, "pciSubSystemId"), 0xF00010DE);

        NvmlStructs.PciInfo info = NvmlStructs.PciInfo.decode(pci);

        assertThat(info.busId()).isEqualTo("00000000:18:00.0");
        assertThat(info.bus()).isEqualTo(0x18);
        assertThat(info.pciDeviceId()).isEqualTo(0x233510DEL);
        assertThat(info.pciSubSystemId()).isEqualTo(0xF00010DEL).isPositive();
    }

    @Test
    void aBusIdThatFillsItsBufferIsReadWithoutRunningPastIt() {
        MemorySegment pci = arena.allocate(NvmlLayouts.PCI_INFO.byteSize() + 8);
        long busId = offset(NvmlLayouts.PCI_INFO, "busId");
        pci.asSlice(busId).fill((byte) 'A');

        assertThat(NvmlStructs.PciInfo.decode(pci).busId()).hasSize(NvmlLayouts.BUS_ID_CHARS);
    }

    @Test
    void memoryV2KeepsReservedApartFromTheOtherFields() {
        MemorySegment memory = arena.allocate(NvmlLayouts.MEMORY_V2);
        memory.set(JAVA_INT, 0, NvmlLayouts.MEMORY_V2_VERSION);
        memory.set(JAVA_LONG, 8, 150_754_820_096L);
        memory.set(JAVA_LONG, 16, 610_271_232L);
        memory.set(JAVA_LONG, 24, 150_034_808_832L);
        memory.set(JAVA_LONG, 32, 720_011_264L);

        assertThat(NvmlStructs.Memory.decode(memory))
                .isEqualTo(new NvmlStructs.Memory(150_754_820_096L, 610_271_232L, 150_034_808_832L, 720_011_264L));
    }

    @Test
    void memoryV1HasNoReservedPart() {
        MemorySegment memory = arena.allocate(NvmlLayouts.MEMORY);
        memory.set(JAVA_LONG, 0, 100);
        memory.set(JAVA_LONG, 8, 60);
        memory.set(JAVA_LONG, 16, 40);

        assertThat(NvmlStructs.Memory.decodeV1(memory)).isEqualTo(new NvmlStructs.Memory(100, 0, 60, 40));
    }

    @Test
    void utilizationAndProfileAndInstanceInfoDecodeFieldByField() {
        MemorySegment utilization = arena.allocate(NvmlLayouts.UTILIZATION);
        utilization.set(JAVA_INT, 0, 97);
        utilization.set(JAVA_INT, 4, 41);
        MemorySegment profile = arena.allocate(NvmlLayouts.GPU_INSTANCE_PROFILE_INFO);
        profile.set(JAVA_INT, 0, 9);
        profile.set(JAVA_INT, 8, 1);
        profile.set(JAVA_INT, 12, 4);
        profile.set(JAVA_INT, 16, 16);
        profile.set(JAVA_LONG, 40, 17_920);
        MemorySegment instance = arena.allocate(NvmlLayouts.GPU_INSTANCE_INFO);
        instance.set(JAVA_INT, 8, 13);
        instance.set(JAVA_INT, 12, 9);
        instance.set(JAVA_INT, 16, 6);
        instance.set(JAVA_INT, 20, 2);

        assertThat(NvmlStructs.Utilization.decode(utilization)).isEqualTo(new NvmlStructs.Utilization(97, 41));
        assertThat(NvmlStructs.GpuInstanceProfile.decode(profile))
                .isEqualTo(new NvmlStructs.GpuInstanceProfile(9, 1, 4, 16, 17_920, ""));
        assertThat(NvmlStructs.GpuInstanceInfo.decode(instance))
                .isEqualTo(new NvmlStructs.GpuInstanceInfo(13, 9, new NvmlStructs.Placement(6, 2)));
    }

    @Test
    void eventDataCarriesTheXidAndTheUnattributedMarker() {
        MemorySegment event = arena.allocate(NvmlLayouts.EVENT_DATA);
        event.set(ADDRESS, 0, MemorySegment.ofAddress(0x7f00_1234_5000L));
        event.set(JAVA_LONG, 8, NvmlXidEvents.XID_CRITICAL_ERROR);
        event.set(JAVA_LONG, 16, 79);
        event.set(JAVA_INT, 24, 0xFFFFFFFF);
        event.set(JAVA_INT, 28, 0xFFFFFFFF);

        NvmlStructs.EventData data = NvmlStructs.EventData.decode(event);

        assertThat(data).isEqualTo(new NvmlStructs.EventData(0x7f00_1234_5000L, 8, 79, -1, -1));
    }

    @Test
    void theV2ProfileCarriesItsName() {
        MemorySegment profile = arena.allocate(NvmlLayouts.GPU_INSTANCE_PROFILE_INFO_V2);
        profile.set(JAVA_INT, 0, NvmlLayouts.GPU_INSTANCE_PROFILE_INFO_V2_VERSION);
        profile.set(JAVA_INT, 4, 19);
        profile.set(JAVA_INT, 12, 1);
        profile.set(JAVA_INT, 16, 7);
        profile.set(JAVA_INT, 20, 16);
        profile.set(JAVA_LONG, 48, 16_384);
        putText(profile, 56, "MIG 1g.18gb");

        NvmlStructs.GpuInstanceProfile decoded = NvmlStructs.GpuInstanceProfile.decodeV2(profile);

        assertThat(decoded).isEqualTo(new NvmlStructs.GpuInstanceProfile(19, 1, 7, 16, 16_384, "MIG 1g.18gb"));
        assertThat(NvmlMig.profileName(0, decoded)).isEqualTo("1g.18gb");
    }

    /// Profile names as `nvidia-smi mig -lgip` printed them on a real H200 (driver 580): from the
    /// v2 name where there is one, otherwise made up from slices and memory.
    @Test
    void profileNamesFollowNvidiaSmi() {
        assertThat(NvmlMig.profileName(7, new NvmlStructs.GpuInstanceProfile(20, 1, 1, 16, 16_384, "MIG 1g.18gb+me")))
                .isEqualTo("1g.18gb+me");
        assertThat(NvmlMig.profileName(0, new NvmlStructs.GpuInstanceProfile(19, 1, 7, 14, 9_856, "")))
                .isEqualTo("1g.10gb");
        assertThat(NvmlMig.profileName(7, new NvmlStructs.GpuInstanceProfile(20, 1, 1, 14, 9_856, "")))
                .isEqualTo("1g.10gb+me");
        assertThat(NvmlMig.profileFromDeviceName("NVIDIA H100 80GB HBM3 MIG 3g.40gb")).isEqualTo("3g.40gb");
    }

    private static void putText(MemorySegment segment, long offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(bytes, 0, segment, JAVA_BYTE, offset, bytes.length);
        segment.set(JAVA_BYTE, offset + bytes.length, (byte) 0);
    }
}
