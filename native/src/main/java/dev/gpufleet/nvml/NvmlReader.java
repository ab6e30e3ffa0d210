package dev.gpufleet.nvml;

import java.lang.foreign.MemorySegment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/// Reads a whole [NvmlSnapshot] from an initialised [Nvml]: every device, its MIG layout,
/// NVLinks and the PCIe relation of every pair.
///
/// A field a GPU does not offer is left empty quietly; any other failed reading is named in
/// the device's problems, and the rest of the device is still read.
public final class NvmlReader {

    /// `NVML_NVLINK_MAX_LINKS`.
    static final int MAX_NVLINKS = 18;

    private final Nvml nvml;
    private final Clock clock;

    public NvmlReader(Nvml nvml, Clock clock) {
        this.nvml = nvml;
        this.clock = clock;
    }

    @FunctionalInterface
    interface Call<T> {
        T call() throws NvmlException;
    }

    public NvmlSnapshot read() throws NvmlException {
        long start = System.nanoTime();
        List<MemorySegment> handles = nvml.devices();
        List<NvmlSnapshot.Device> devices = new ArrayList<>(handles.size());
        for (int i = 0; i < handles.size(); i++) {
            devices.add(device(i, handles.get(i)));
        }
        List<String> ignored = new ArrayList<>();
        return new NvmlSnapshot(clock.instant(), orEmpty(attempt("driver version", nvml::driverVersion, ignored)),
                orEmpty(attempt("NVML version", nvml::nvmlVersion, ignored)), devices, topology(handles),
                System.nanoTime() - start);
    }

    /// Reads one device; `problems` collects what failed.
    NvmlSnapshot.Device device(int index, MemorySegment handle) {
        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        NvmlMig.Mode mig = attempt("MIG mode", () -> nvml.mig().mode(handle), problems);
        boolean migOn = mig != null && mig.current();
        return new NvmlSnapshot.Device(index,
                orEmpty(attempt("UUID", () -> nvml.uuid(handle), problems)),
                orEmpty(attempt("name", () -> nvml.name(handle), problems)),
                attempt("PCI info", () -> nvml.pciInfo(handle), problems),
                attempt("memory", () -> nvml.memory(handle), problems),
                migOn ? null : attempt("utilization", () -> nvml.utilization(handle), problems),
                attempt("power", () -> nvml.powerUsageMilliwatts(handle), problems),
                attempt("power limit", () -> nvml.powerLimitMilliwatts(handle), problems),
                attempt("energy", () -> nvml.energyMillijoules(handle), problems),
                attempt("temperature", () -> nvml.temperatureCelsius(handle), problems),
                clocks(handle, problems), ecc(handle, problems), mig,
                migOn ? new NvmlMigReader(nvml, problems).migDevices(handle) : List.of(),
                migOn ? new NvmlMigReader(nvml, problems).gpuInstances(handle) : List.of(),
                nvLinks(handle, problems), problems, System.nanoTime() - start);
    }

    private NvmlSnapshot.Clocks clocks(MemorySegment handle, List<String> problems) {
        return new NvmlSnapshot.Clocks(
                attempt("graphics clock", () -> nvml.clockMhz(handle, Nvml.CLOCK_GRAPHICS), problems),
                attempt("SM clock", () -> nvml.clockMhz(handle, Nvml.CLOCK_SM), problems),
                attempt("memory clock", () -> nvml.clockMhz(handle, Nvml.CLOCK_MEM), problems));
    }

    /// The four ECC totals; when the first fails for a reason other than absence, the rest
    /// would fail alike, so one problem is reported instead of four.
    private NvmlSnapshot.Ecc ecc(MemorySegment handle, List<String> problems) {
        Long correctedVolatile = attempt("ECC",
                () -> nvml.eccErrors(handle, Nvml.ECC_CORRECTED, Nvml.ECC_VOLATILE), problems);
        if (correctedVolatile == null) {
            return new NvmlSnapshot.Ecc(null, null, null, null);
        }
        NvmlSnapshot.Ecc ecc = new NvmlSnapshot.Ecc(correctedVolatile,
                attempt("ECC", () -> nvml.eccErrors(handle, Nvml.ECC_UNCORRECTED, Nvml.ECC_VOLATILE), problems),
                attempt("ECC", () -> nvml.eccErrors(handle, Nvml.ECC_CORRECTED, Nvml.ECC_AGGREGATE), problems),
                attempt("ECC", () -> nvml.eccErrors(handle, Nvml.ECC_UNCORRECTED, Nvml.ECC_AGGREGATE), problems));
        return ecc;
    }

    /// Links up to the first one NVML calls invalid (a GPU has fewer than the maximum).
    private List<NvmlSnapshot.NvLink> nvLinks(MemorySegment handle, List<String> problems) {
        List<NvmlSnapshot.NvLink> links = new ArrayList<>();
        for (int link = 0; link < MAX_NVLINKS; link++) {
            boolean active;
            try {
                active = nvml.nvLinkActive(handle, link);
            } catch (NvmlException e) {
                if (e.status() != NvmlReturn.ERROR_INVALID_ARGUMENT && !e.status().meansUnavailable()) {
                    problems.add("NVLink " + link + ": " + e.getMessage());
                }
                break;
            }
            int current = link;
            NvmlStructs.PciInfo remote = active
                    ? attempt("NVLink " + link + " remote", () -> nvml.nvLinkRemotePci(handle, current), problems)
                    : null;
            links.add(new NvmlSnapshot.NvLink(link, active, remote == null ? null : remote.busId()));
        }
        return links;
    }

    private List<NvmlSnapshot.TopologyPair> topology(List<MemorySegment> handles) {
        List<NvmlSnapshot.TopologyPair> pairs = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < handles.size(); i++) {
            for (int j = i + 1; j < handles.size(); j++) {
                MemorySegment first = handles.get(i);
                MemorySegment second = handles.get(j);
                NvmlTopologyLevel level = attempt("topology", () -> nvml.commonAncestor(first, second), ignored);
                if (level != null) {
                    pairs.add(new NvmlSnapshot.TopologyPair(i, j, level));
                }
            }
        }
        return pairs;
    }

    /// Runs one NVML call; a failure becomes `null`, and a problem unless it means "not offered".
    static <T> @Nullable T attempt(String what, Call<T> call, List<String> problems) {
        try {
            return call.call();
        } catch (NvmlException e) {
            if (!e.status().meansUnavailable()) {
                problems.add(what + ": " + e.getMessage());
            }
            return null;
        }
    }

    private static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }
}
