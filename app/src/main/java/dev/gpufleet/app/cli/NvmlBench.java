package dev.gpufleet.app.cli;

import dev.gpufleet.nvml.Nvml;
import dev.gpufleet.nvml.NvmlException;
import dev.gpufleet.nvml.NvmlReader;
import dev.gpufleet.nvml.NvmlSnapshot;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;

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
    }

    private static String stats(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1000.0;
        return String.format(Locale.ROOT, "mean %.1f µs, median %.1f µs, min %.1f µs, max %.1f µs", mean,
                sorted[sorted.length / 2] / 1000.0, sorted[0] / 1000.0, sorted[sorted.length - 1] / 1000.0);
    }
}
