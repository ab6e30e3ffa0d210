package dev.gpufleet.app.cli;

import dev.gpufleet.nvml.Nvml;
import dev.gpufleet.nvml.NvmlException;
import dev.gpufleet.nvml.NvmlReader;
import dev.gpufleet.nvml.NvmlSnapshot;
import java.io.PrintWriter;
import java.lang.foreign.MemorySegment;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/// `gpufleet nvml --bench N`: how long one NVML read of the whole machine takes, and per device.
final class NvmlBench {

    private static final int WARM_UP_READS = 3;

    private NvmlBench() {
    }

    static void run(PrintWriter out, Nvml nvml, int reads) throws NvmlException {
        NvmlReader reader = new NvmlReader(nvml, Clock.systemUTC());
        for (int i = 0; i < WARM_UP_READS; i++) {
            reader.read();
        }
        long[] whole = new long[reads];
        long[] perDevice = new long[reads];
        int devices = 0;
        for (int i = 0; i < reads; i++) {
            NvmlSnapshot snapshot = reader.read();
            whole[i] = snapshot.readNanos();
            devices = snapshot.devices().size();
            perDevice[i] = snapshot.devices().stream().mapToLong(NvmlSnapshot.Device::readNanos).sum()
                    / Math.max(1, devices);
        }
        out.println(String.format(Locale.ROOT, "%d reads of %d device(s) after %d warm-up reads", reads, devices,
                WARM_UP_READS));
        out.println("whole machine: " + stats(whole));
        out.println("per device:    " + stats(perDevice));
        if (devices > 0) {
            perCall(out, nvml, nvml.deviceHandle(0), Math.min(reads, 500));
        }
    }

    @FunctionalInterface
    private interface Call {
        Object call() throws NvmlException;
    }

    /// Mean time of each NVML call on the first device, to show which readings cost most.
    private static void perCall(PrintWriter out, Nvml nvml, MemorySegment device, int reads) {
        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("name", () -> nvml.name(device));
        calls.put("uuid", () -> nvml.uuid(device));
        calls.put("pci info", () -> nvml.pciInfo(device));
        calls.put("memory", () -> nvml.memory(device));
        calls.put("utilization", () -> nvml.utilization(device));
        calls.put("power", () -> nvml.powerUsageMilliwatts(device));
        calls.put("power limit", () -> nvml.powerLimitMilliwatts(device));
        calls.put("energy", () -> nvml.energyMillijoules(device));
        calls.put("temperature", () -> nvml.temperatureCelsius(device));
        calls.put("SM clock", () -> nvml.clockMhz(device, Nvml.CLOCK_SM));
        calls.put("ECC (one counter)", () -> nvml.eccErrors(device, Nvml.ECC_CORRECTED, Nvml.ECC_VOLATILE));
        calls.put("MIG mode", () -> nvml.mig().mode(device));
        calls.put("NVLink 0 state", () -> nvml.nvLinkActive(device, 0));
        out.println("per call on GPU 0 (mean of " + reads + "):");
        calls.forEach((name, call) -> out.println(String.format(Locale.ROOT, "  %-18s %9.1f µs", name,
                meanMicros(call, reads))));
    }

    private static double meanMicros(Call call, int reads) {
        long start = System.nanoTime();
        for (int i = 0; i < reads; i++) {
            try {
                call.call();
            } catch (NvmlException e) {
                // timed all the same: an unsupported reading costs a call too
            }
        }
        return (System.nanoTime() - start) / 1000.0 / reads;
    }

    private static String stats(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1000.0;
        return String.format(Locale.ROOT, "mean %.1f µs, median %.1f µs, min %.1f µs, max %.1f µs", mean,
                sorted[sorted.length / 2] / 1000.0, sorted[0] / 1000.0, sorted[sorted.length - 1] / 1000.0);
    }
}
