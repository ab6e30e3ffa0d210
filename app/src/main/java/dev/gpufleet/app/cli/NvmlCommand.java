package dev.gpufleet.app.cli;

import dev.gpufleet.nvml.Nvml;
import dev.gpufleet.nvml.NvmlAvailability;
import dev.gpufleet.nvml.NvmlException;
import dev.gpufleet.nvml.NvmlJson;
import dev.gpufleet.nvml.NvmlLibrary;
import dev.gpufleet.nvml.NvmlReader;
import dev.gpufleet.nvml.NvmlSnapshot;
import dev.gpufleet.nvml.NvmlXidEvents;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/// `gpufleet nvml`: what NVML reads on this machine, without a cluster: devices, memory, power,
/// clocks, ECC, MIG layout, NVLinks, PCIe topology, and optionally XID events.
@Command(name = "nvml", mixinStandardHelpOptions = true,
        description = {"Read this machine's NVIDIA GPUs through NVML (libnvidia-ml / nvml.dll) and print them.",
            "Exits 3 when NVML is not available, saying what was looked for and where."})
public final class NvmlCommand implements Callable<Integer> {

    /// Exit status when there is no usable NVML on this machine.
    static final int NOT_AVAILABLE = 3;

    enum Format { json, table }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "table", description = "json or table (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--xid-wait", defaultValue = "0", paramLabel = "MS",
            description = "After reading, wait up to MS milliseconds for XID critical-error events and print them.")
    int xidWaitMillis;

    @Option(names = "--bench", defaultValue = "0", paramLabel = "N",
            description = "Instead of printing the readings, read N times and print the time per read and per device.")
    int benchReads;

    /// Runs only this command: for a machine that carries just the NVML part (a GPU check).
    public static void main(String[] args) {
        CommandLine line = new CommandLine(new NvmlCommand());
        line.setExecutionExceptionHandler((failure, command, parsed) -> {
            command.getErr().println("gpufleet nvml: " + failure.getMessage());
            return failure instanceof UserError error ? error.exitCode() : 70;
        });
        System.exit(line.execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        NvmlAvailability availability = NvmlLibrary.load();
        if (availability instanceof NvmlAvailability.Absent absent) {
            if (format == Format.json) {
                out.println(NvmlJson.pretty(NvmlJson.absent(absent)));
                out.flush();
            }
            spec.commandLine().getErr().println("gpufleet nvml: " + availability.describe());
            return NOT_AVAILABLE;
        }
        try (Nvml nvml = ((NvmlAvailability.Present) availability).nvml()) {
            print(out, nvml);
        } catch (NvmlException e) {
            throw new UserError("nvml: " + e.getMessage()
                    + ". Check the driver with nvidia-smi; run as a user allowed to read the GPUs.", 4);
        }
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, Nvml nvml) throws NvmlException {
        if (benchReads > 0) {
            NvmlBench.run(out, nvml, benchReads);
            return;
        }
        NvmlSnapshot snapshot = new NvmlReader(nvml, Clock.systemUTC()).read();
        out.println(format == Format.json ? NvmlJson.pretty(NvmlJson.present(nvml.library(), snapshot))
                : NvmlTable.render(nvml.library(), snapshot));
        printXids(out, nvml);
    }

    private void printXids(PrintWriter out, Nvml nvml) throws NvmlException {
        if (xidWaitMillis <= 0) {
            return;
        }
        try (NvmlXidEvents events = nvml.xidEvents(nvml.devices())) {
            out.println("XID events: watching " + events.registeredDevices() + " device(s) for " + xidWaitMillis + " ms");
            long end = System.nanoTime() + xidWaitMillis * 1_000_000L;
            for (long left = xidWaitMillis; left > 0; left = (end - System.nanoTime()) / 1_000_000L) {
                Optional<NvmlXidEvents.Xid> xid = events.next((int) left);
                xid.ifPresent(event -> out.println("XID " + event.xid() + " (GPU instance " + event.gpuInstanceId()
                        + ", compute instance " + event.computeInstanceId() + ")"));
            }
            out.println("XID events: done");
        }
    }
}
