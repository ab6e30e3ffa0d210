package dev.gpufleet.nvml;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// An initialised NVML: typed wrappers over the entry points gpufleet reads.
///
/// Device handles are opaque [MemorySegment]s NVML hands out; they stay valid until
/// [#close()] shuts NVML down. Every call throws [NvmlException] with NVML's code when it
/// does not succeed. NVML itself is thread-safe, and so is this class.
public final class Nvml implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Nvml.class);

    /// `nvmlClockType_t`.
    public static final int CLOCK_GRAPHICS = 0;
    public static final int CLOCK_SM = 1;
    public static final int CLOCK_MEM = 2;
    /// `nvmlMemoryErrorType_t` and `nvmlEccCounterType_t`.
    public static final int ECC_CORRECTED = 0;
    public static final int ECC_UNCORRECTED = 1;
    public static final int ECC_VOLATILE = 0;
    public static final int ECC_AGGREGATE = 1;
    /// `NVML_TEMPERATURE_GPU`.
    private static final int TEMPERATURE_GPU = 0;

    private final String library;
    private final NvmlBindings bindings;
    private final NvmlMig mig;
    private volatile boolean closed;

    Nvml(String library, NvmlBindings bindings) {
        this.library = library;
        this.bindings = bindings;
        this.mig = new NvmlMig(bindings);
    }

    /// The library file or name it was loaded from.
    public String library() {
        return library;
    }

    /// MIG queries: mode, MIG device handles, GPU instances and their placements.
    public NvmlMig mig() {
        return mig;
    }

    /// Opens an event set for XID critical errors on `devices`.
    public NvmlXidEvents xidEvents(List<MemorySegment> devices) throws NvmlException {
        return NvmlXidEvents.open(bindings, devices);
    }

    /// `NVML x.y, driver a.b` for people; parts NVML cannot tell are left out.
    public String versionText() {
        StringBuilder text = new StringBuilder();
        try {
            text.append(nvmlVersion());
            text.append(", driver ").append(driverVersion());
        } catch (NvmlException e) {
            LOG.debug("NVML version not readable", e);
        }
        return text.toString();
    }

    public String driverVersion() throws NvmlException {
        return bindings.textOut("nvmlSystemGetDriverVersion");
    }

    public String nvmlVersion() throws NvmlException {
        return bindings.textOut("nvmlSystemGetNVMLVersion");
    }

    public String errorString(int code) {
        return bindings.errorString(code);
    }

    public int deviceCount() throws NvmlException {
        return bindings.intOut("nvmlDeviceGetCount_v2");
    }

    public MemorySegment deviceHandle(int index) throws NvmlException {
        return bindings.handleOut("nvmlDeviceGetHandleByIndex_v2", index);
    }

    /// All devices, in NVML's index order.
    public List<MemorySegment> devices() throws NvmlException {
        int count = deviceCount();
        List<MemorySegment> devices = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            devices.add(deviceHandle(i));
        }
        return devices;
    }

    public String name(MemorySegment device) throws NvmlException {
        return bindings.textOut("nvmlDeviceGetName", device);
    }

    public String uuid(MemorySegment device) throws NvmlException {
        return bindings.textOut("nvmlDeviceGetUUID", device);
    }

    public NvmlStructs.PciInfo pciInfo(MemorySegment device) throws NvmlException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment struct = arena.allocate(NvmlLayouts.PCI_INFO);
            bindings.call("nvmlDeviceGetPciInfo_v3", device, struct);
            return NvmlStructs.PciInfo.decode(struct);
        }
    }

    /// Memory in bytes, from `nvmlDeviceGetMemoryInfo_v2`; where that is missing (drivers
    /// before 510), from the first version, which reports no reserved memory.
    public NvmlStructs.Memory memory(MemorySegment device) throws NvmlException {
        try (Arena arena = Arena.ofConfined()) {
            if (bindings.has("nvmlDeviceGetMemoryInfo_v2")) {
                MemorySegment struct = arena.allocate(NvmlLayouts.MEMORY_V2);
                struct.set(ValueLayout.JAVA_INT, 0, NvmlLayouts.MEMORY_V2_VERSION);
                bindings.call("nvmlDeviceGetMemoryInfo_v2", device, struct);
                return NvmlStructs.Memory.decode(struct);
            }
            MemorySegment struct = arena.allocate(NvmlLayouts.MEMORY);
            bindings.call("nvmlDeviceGetMemoryInfo", device, struct);
            return NvmlStructs.Memory.decodeV1(struct);
        }
    }

    public NvmlStructs.Utilization utilization(MemorySegment device) throws NvmlException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment struct = arena.allocate(NvmlLayouts.UTILIZATION);
            bindings.call("nvmlDeviceGetUtilizationRates", device, struct);
            return NvmlStructs.Utilization.decode(struct);
        }
    }

    public int powerUsageMilliwatts(MemorySegment device) throws NvmlException {
        return bindings.intOut("nvmlDeviceGetPowerUsage", device);
    }

    public int powerLimitMilliwatts(MemorySegment device) throws NvmlException {
        return bindings.intOut("nvmlDeviceGetEnforcedPowerLimit", device);
    }

    public long energyMillijoules(MemorySegment device) throws NvmlException {
        return bindings.longOut("nvmlDeviceGetTotalEnergyConsumption", device);
    }

    public int temperatureCelsius(MemorySegment device) throws NvmlException {
        return bindings.intOut("nvmlDeviceGetTemperature", device, TEMPERATURE_GPU);
    }

    /// Current clock in MHz for one of [#CLOCK_GRAPHICS], [#CLOCK_SM], [#CLOCK_MEM].
    public int clockMhz(MemorySegment device, int clockType) throws NvmlException {
        return bindings.intOut("nvmlDeviceGetClockInfo", device, clockType);
    }

    /// Total ECC errors of one kind ([#ECC_CORRECTED]/[#ECC_UNCORRECTED]) and counter
    /// ([#ECC_VOLATILE] since the driver loaded, [#ECC_AGGREGATE] over the board's life).
    public long eccErrors(MemorySegment device, int errorType, int counterType) throws NvmlException {
        return bindings.longOut("nvmlDeviceGetTotalEccErrors", device, errorType, counterType);
    }

    /// Whether NVLink `link` is active (`nvmlDeviceGetNvLinkState`).
    public boolean nvLinkActive(MemorySegment device, int link) throws NvmlException {
        return bindings.intOut("nvmlDeviceGetNvLinkState", device, link) != 0;
    }

    /// The PCI identity of what is at the far end of NVLink `link` (a GPU or an NVSwitch).
    public NvmlStructs.PciInfo nvLinkRemotePci(MemorySegment device, int link) throws NvmlException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment struct = arena.allocate(NvmlLayouts.PCI_INFO);
            bindings.call("nvmlDeviceGetNvLinkRemotePciInfo_v2", device, link, struct);
            return NvmlStructs.PciInfo.decode(struct);
        }
    }

    /// The closest common ancestor of two devices in the PCIe tree (`nvmlGpuTopologyLevel_t`).
    public NvmlTopologyLevel commonAncestor(MemorySegment first, MemorySegment second) throws NvmlException {
        return NvmlTopologyLevel.of(bindings.intOut("nvmlDeviceGetTopologyCommonAncestor", first, second));
    }

    /// Shuts NVML down once; handles are invalid afterwards.
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            bindings.call("nvmlShutdown");
        } catch (NvmlException e) {
            LOG.warn("NVML did not shut down cleanly: {}", e.getMessage());
        }
    }
}
