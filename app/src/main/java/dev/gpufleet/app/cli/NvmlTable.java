package dev.gpufleet.app.cli;

import dev.gpufleet.core.topology.LinkKind;
import dev.gpufleet.nvml.NvmlSnapshot;
import dev.gpufleet.nvml.NvmlStructs;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/// The `--format table` text of `gpufleet nvml`: one line per GPU, then MIG devices, GPU
/// instance placements, active NVLinks, PCIe relations and whatever could not be read.
final class NvmlTable {

    private static final double MIB = 1024.0 * 1024.0;

    private NvmlTable() {
    }

    static String render(String library, NvmlSnapshot snapshot) {
        StringBuilder text = new StringBuilder();
        text.append("NVML ").append(snapshot.nvmlVersion()).append(", driver ").append(snapshot.driverVersion())
                .append(" (").append(library).append("), read in ").append(snapshot.readNanos() / 1000).append(" µs\n");
        text.append(String.format(Locale.ROOT, "%-3s %-28s %-42s %-16s %-17s %-5s %-15s %-5s %-11s %-11s %s%n", "GPU",
                "NAME", "UUID", "BUS ID", "MEMORY MiB", "UTIL", "POWER W", "TEMP", "CLOCK SM/MEM", "ECC C/U", "MIG"));
        for (NvmlSnapshot.Device device : snapshot.devices()) {
            text.append(deviceLine(device));
        }
        for (NvmlSnapshot.Device device : snapshot.devices()) {
            details(text, device);
        }
        for (NvmlSnapshot.TopologyPair pair : snapshot.topology()) {
            text.append("  GPU").append(pair.first()).append(" <-> GPU").append(pair.second()).append(": ")
                    .append(pair.level().linkKind().map(LinkKind::code).orElse("?")).append('\n');
        }
        return text.toString().stripTrailing();
    }

    private static String deviceLine(NvmlSnapshot.Device device) {
        NvmlStructs.Memory memory = device.memory();
        String mem = memory == null ? "-" : Math.round(memory.used() / MIB) + "/" + Math.round(memory.total() / MIB);
        String util = device.utilization() == null ? "-" : device.utilization().gpuPercent() + "%";
        String power = watts(device.powerMilliwatts()) + "/" + watts(device.powerLimitMilliwatts());
        String clocks = orDash(device.clocks().smMhz()) + "/" + orDash(device.clocks().memoryMhz());
        String ecc = orDash(device.ecc().correctedVolatile()) + "/" + orDash(device.ecc().uncorrectedVolatile());
        String mig = device.migMode() == null ? "-" : device.migMode().current() ? "on" : "off";
        return String.format(Locale.ROOT, "%-3d %-28s %-42s %-16s %-17s %-5s %-15s %-5s %-11s %-11s %s%n",
                device.index(), device.name(), device.uuid(), device.pci() == null ? "-" : device.pci().busId(), mem,
                util, power, orDash(device.temperatureCelsius()), clocks, ecc, mig);
    }

    private static void details(StringBuilder text, NvmlSnapshot.Device device) {
        String prefix = "  GPU" + device.index() + " ";
        for (NvmlSnapshot.MigDevice mig : device.migDevices()) {
            text.append(prefix).append("MIG ").append(mig.profile()).append(" GI ").append(mig.gpuInstanceId())
                    .append(" CI ").append(mig.computeInstanceId()).append(' ').append(mig.uuid()).append('\n');
        }
        for (NvmlSnapshot.GpuInstance instance : device.gpuInstances()) {
            text.append(prefix).append("GPU instance ").append(instance.id()).append(' ').append(instance.profile())
                    .append(" at slices ").append(instance.placement().start()).append('+')
                    .append(instance.placement().size()).append('\n');
        }
        long active = device.nvLinks().stream().filter(NvmlSnapshot.NvLink::active).count();
        if (!device.nvLinks().isEmpty()) {
            text.append(prefix).append("NVLink: ").append(active).append(" of ").append(device.nvLinks().size())
                    .append(" links active\n");
        }
        for (String problem : device.problems()) {
            text.append(prefix).append("could not read ").append(problem).append('\n');
        }
    }

    private static String watts(@Nullable Integer milliwatts) {
        return milliwatts == null ? "-" : String.format(Locale.ROOT, "%.1f", milliwatts / 1000.0);
    }

    private static String orDash(@Nullable Number value) {
        return value == null ? "-" : value.toString();
    }
}
