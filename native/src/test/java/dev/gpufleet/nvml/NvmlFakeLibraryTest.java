package dev.gpufleet.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import dev.gpufleet.core.topology.LinkKind;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The whole binding against a fake libnvidia-ml: real downcalls, structs NVML-style filled in
/// C, the reader, XID events and the telemetry source.
class NvmlFakeLibraryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T04:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path folder;
    private static Path library;
    private Nvml nvml;

    @BeforeAll
    static void build() throws Exception {
        library = FakeNvml.build(folder);
    }

    @BeforeEach
    void load() {
        nvml = FakeNvml.load(library);
    }

    @AfterEach
    void shutdown() {
        nvml.close();
    }

    @Test
    void loadsAndSaysWhichDriver() throws Exception {
        assertThat(nvml.driverVersion()).isEqualTo("570.86.15");
        assertThat(nvml.versionText()).isEqualTo("12.570.86.15, driver 570.86.15");
        assertThat(new NvmlAvailability.Present(nvml).describe()).contains("libfake-nvml.so");
    }

    @Test
    void readsAnOrdinaryGpuFieldByField() throws Exception {
        NvmlSnapshot snapshot = new NvmlReader(nvml, CLOCK).read();

        NvmlSnapshot.Device gpu = snapshot.devices().getFirst();
        assertThat(gpu.uuid()).isEqualTo("GPU-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        assertThat(gpu.name()).isEqualTo("NVIDIA H200");
        assertThat(gpu.pci().busId()).isEqualTo("00000000:18:00.0");
        assertThat(gpu.pci().pciDeviceId()).isEqualTo(0x233510DEL);
        assertThat(gpu.memory()).isEqualTo(new NvmlStructs.Memory(143771L << 20, 582L << 20,
                (143771L - 1082 - 582) << 20, 1082L << 20));
        assertThat(gpu.utilization()).isEqualTo(new NvmlStructs.Utilization(87, 35));
        assertThat(gpu.powerMilliwatts()).isEqualTo(412_345);
        assertThat(gpu.powerLimitMilliwatts()).isEqualTo(700_000);
        assertThat(gpu.energyMillijoules()).isEqualTo(123_456_789_012L);
        assertThat(gpu.temperatureCelsius()).isEqualTo(41);
        assertThat(gpu.clocks()).isEqualTo(new NvmlSnapshot.Clocks(1980, 1980, 3201));
        assertThat(gpu.ecc()).isEqualTo(new NvmlSnapshot.Ecc(2L, 0L, 17L, 0L));
        assertThat(gpu.migMode()).isEqualTo(new NvmlMig.Mode(false, false));
        assertThat(gpu.nvLinks()).containsExactly(new NvmlSnapshot.NvLink(0, true, "00000000:19:00.0"),
                new NvmlSnapshot.NvLink(1, false, null));
        assertThat(gpu.problems()).isEmpty();
        assertThat(snapshot.topology()).containsExactly(new NvmlSnapshot.TopologyPair(0, 1, NvmlTopologyLevel.NODE));
        assertThat(NvmlTopologyLevel.NODE.linkKind()).contains(LinkKind.NODE);
        assertThat(NvmlTopologyLevel.of(50).linkKind()).contains(LinkKind.SYS);
        assertThat(NvmlTopologyLevel.of(7).linkKind()).isEmpty();
    }

    @Test
    void readsTheMigLayoutAndNamesFailuresThatAreNotAbsence() throws Exception {
        NvmlSnapshot.Device gpu = new NvmlReader(nvml, CLOCK).read().devices().get(1);

        assertThat(gpu.migEnabled()).isTrue();
        assertThat(gpu.utilization()).as("NVML reports no whole-GPU utilization under MIG").isNull();
        assertThat(gpu.migDevices()).containsExactly(new NvmlSnapshot.MigDevice(
                "MIG-5c89852c-d268-5d7b-a1a5-bb5c1c1b1c11", "1g.18gb", 3, 0,
                new NvmlStructs.Memory(16384L << 20, 0, (16384L - 13) << 20, 13L << 20)));
        assertThat(gpu.gpuInstances()).containsExactly(
                new NvmlSnapshot.GpuInstance(3, 19, "1g.18gb", new NvmlStructs.Placement(6, 1)));
        assertThat(gpu.nvLinks()).as("NOT_SUPPORTED is quiet").isEmpty();
        assertThat(gpu.ecc().correctedVolatile()).isNull();
        assertThat(gpu.problems()).as("one problem for the four ECC counters")
                .containsExactly("ECC: nvmlDeviceGetTotalEccErrors failed: NVML_ERROR_NO_PERMISSION (Fake Error)");
    }

    @Test
    void possiblePlacementsComeBackAsAnArrayOfStructs() throws Exception {
        assertThat(nvml.mig().possiblePlacements(nvml.deviceHandle(1), 19))
                .extracting(NvmlStructs.Placement::start).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(nvml.mig().possiblePlacements(nvml.deviceHandle(1), 19))
                .allSatisfy(placement -> assertThat(placement.size()).isEqualTo(1));
    }

    @Test
    void aFunctionThisNvmlLacksIsNotFoundRatherThanACrash() {
        NvmlBindings bindings = new NvmlBindings(SymbolLookup.libraryLookup(library, Arena.global()));

        assertThat(bindings.has("nvmlDeviceGetFanSpeed")).isFalse();
        assertThatThrownBy(() -> bindings.intOut("nvmlDeviceGetFanSpeed",
                nvml.deviceHandle(0)))
                .isInstanceOfSatisfying(NvmlException.class,
                        e -> assertThat(e.status()).isEqualTo(NvmlReturn.ERROR_FUNCTION_NOT_FOUND));
    }

    @Test
    void xidEventsArriveWithTheirDeviceAndATimeoutIsNoEvent() throws Exception {
        try (NvmlXidEvents events = nvml.xidEvents(nvml.devices())) {
            assertThat(events.registeredDevices()).isEqualTo(2);

            NvmlXidEvents.Xid xid = events.next(10).orElseThrow();

            assertThat(xid.xid()).isEqualTo(79);
            assertThat(xid.deviceAddress()).isEqualTo(nvml.deviceHandle(1).address());
            assertThat(xid.attributedToInstance()).isFalse();
            assertThat(events.next(10)).isEmpty();
        }
    }

    @Test
    void theSourceShowsThisMachineAsOneNodeWithDcgmColumns() throws Exception {
        try (NvmlTelemetrySource source = new NvmlTelemetrySource(FakeNvml.load(library), "workstation", CLOCK)) {
            TelemetryFrame frame = source.collect();

            assertThat(frame.cluster()).isEqualTo("This machine");
            assertThat(frame.time()).isEqualTo(CLOCK.instant());
            NodeTelemetry node = frame.nodes().getFirst();
            assertThat(node.node()).isEqualTo("workstation");
            assertThat(node.problem()).contains("GPU 1 ECC").contains("NVML_ERROR_NO_PERMISSION");
            GpuSample first = node.gpus().getFirst();
            assertThat(first.values().get(Metric.POWER_USAGE)).isCloseTo(412.345, within(1e-9));
            assertThat(first.values().get(Metric.GPU_UTIL)).isEqualTo(87);
            assertThat(first.values().get(Metric.FB_USED)).isEqualTo(1082);
            assertThat(first.values().get(Metric.FB_RESERVED)).isEqualTo(582);
            assertThat(first.values().get(Metric.FB_FREE)).isEqualTo(143771 - 1082 - 582);
            assertThat(first.values().isReported(Metric.XID_ERRORS)).isFalse();
            GpuSample second = node.gpus().get(1);
            assertThat(second.values().get(Metric.XID_ERRORS)).isEqualTo(79);
            assertThat(second.mig()).singleElement().satisfies(mig -> {
                assertThat(mig.gpuInstanceId()).isEqualTo(3);
                assertThat(mig.profile()).isEqualTo("1g.18gb");
                assertThat(mig.values().get(Metric.FB_USED)).isEqualTo(13);
            });
            assertThat(source.describe()).contains("driver 570.86.15");
        }
    }

    @Test
    void theJsonCarriesTheReadingsInNvmlUnits() throws Exception {
        NvmlSnapshot snapshot = new NvmlReader(nvml, CLOCK).read();

        String json = NvmlJson.pretty(NvmlJson.present(nvml.library(), snapshot));

        assertThat(json).contains("\"available\" : true").contains("\"driverVersion\" : \"570.86.15\"")
                .contains("\"uuid\" : \"GPU-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee\"")
                .contains("\"powerMilliwatts\" : 412345").contains("\"busId\" : \"00000000:18:00.0\"")
                .contains("\"level\" : \"NODE\"");
    }
}
