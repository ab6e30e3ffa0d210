package dev.gpufleet.core.triage;

import static dev.gpufleet.core.triage.Action.DRAIN;
import static dev.gpufleet.core.triage.Action.REPLACE;
import static dev.gpufleet.core.triage.Action.RESET;
import static dev.gpufleet.core.triage.Action.WATCH;
import static dev.gpufleet.core.triage.Verdict.DEGRADED;
import static dev.gpufleet.core.triage.Verdict.FAILING;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/// The XIDs gpufleet can explain, after NVIDIA's published XID catalog (docs.nvidia.com,
/// "XID Errors"), in gpufleet's own words.
///
/// Severities follow NVIDIA's resolution buckets: XIDs raised by an application's own bug
/// (13, 31, 43, 45, 68, 69, 109) only ask to watch, because the GPU itself is fine; memory,
/// firmware and bus faults ask for a reset, a drain or a replacement. A code not listed here
/// is never guessed at: [#lookup(int)] is empty and [#describe(int)] says so.
public final class XidCatalog {

    private static final Map<Integer, XidInfo> CATALOG = new TreeMap<>();

    static {
        app(13, "Graphics engine exception",
                "A kernel did something illegal (out-of-range access, illegal instruction); almost always the"
                        + " application's bug. Suspect the GPU only if it follows the GPU across workloads.");
        app(31, "GPU memory page fault",
                "A kernel touched memory it had not mapped; usually an application bug, rarely a driver one.");
        add(32, "Invalid or corrupted push buffer stream",
                "Commands reaching the GPU over PCIe were corrupted; points at the PCIe link, host memory or"
                        + " the driver.", DEGRADED, RESET);
        add(38, "Driver firmware error",
                "The driver's firmware on the GPU reported an error; the GPU needs a reset.", DEGRADED, RESET);
        app(43, "GPU stopped processing",
                "A channel was stopped because its application faulted; the GPU stays usable.");
        app(45, "Preemptive cleanup",
                "The driver cleaned up a channel after an earlier error or a killed process; read the XID"
                        + " logged before it.");
        add(46, "GPU stopped processing (timeout)",
                "The GPU stopped responding to the driver; work on it cannot continue.", FAILING, DRAIN);
        add(48, "Double-bit ECC error",
                "An uncorrectable memory error hit the GPU's memory; the affected work is lost. A reset lets"
                        + " the GPU retire or remap the bad memory; replace it if DBEs recur.", FAILING, RESET);
        add(61, "Internal micro-controller breakpoint",
                "An on-GPU micro-controller hit an internal breakpoint or warning; reset the GPU.", FAILING, RESET);
        add(62, "Internal micro-controller halt",
                "An on-GPU micro-controller halted; the GPU needs a reset.", FAILING, RESET);
        add(63, "Page retirement or row remap recorded",
                "Memory was marked for retirement or row remapping after ECC errors; it takes effect at the"
                        + " next GPU reset.", DEGRADED, RESET);
        add(64, "Page retirement or row remap failed",
                "The GPU could not record a retirement or remap of bad memory; reset it, and replace it if"
                        + " this comes back.", FAILING, RESET);
        app(68, "Video processor exception",
                "The video decoder (NVDEC) faulted, usually on the application's input or a driver bug.");
        app(69, "Graphics engine class error",
                "The graphics engine rejected a command; usually an application or driver bug.");
        add(74, "NVLink error",
                "An NVLink link failed; GPU-to-GPU traffic over it is broken. Reset the GPUs on the link and"
                        + " check the link hardware if it recurs.", FAILING, RESET);
        add(79, "GPU has fallen off the bus",
                "The GPU stopped answering on PCIe and is gone from the system until the node is rebooted;"
                        + " suspect power, heat or the board.", FAILING, DRAIN);
        add(92, "High single-bit ECC error rate",
                "Corrected memory errors come unusually often; reset to let the GPU remap the rows, and"
                        + " watch whether the rate stays high.", DEGRADED, RESET);
        add(94, "Contained ECC error",
                "An uncorrectable memory error was contained: only the application that hit it was stopped."
                        + " Reset the GPU at the next chance to remap the memory.", FAILING, RESET);
        add(95, "Uncontained ECC error",
                "An uncorrectable memory error could not be contained: every application on the GPU is"
                        + " affected and the GPU must be reset.", FAILING, RESET);
        app(109, "Context switch timeout",
                "The GPU could not switch between applications in time; often an application stuck in a"
                        + " long kernel, sometimes a driver fault.");
        add(119, "GSP RPC timeout",
                "The GPU System Processor stopped answering the driver; reset the GPU (reboot the node if"
                        + " that fails).", FAILING, RESET);
        add(120, "GSP error",
                "The GPU System Processor reported an internal error; reset the GPU.", FAILING, RESET);
        app(121, "C2C link corrected error",
                "The chip-to-chip link (Grace Hopper / Grace Blackwell) corrected an error; the GPU keeps"
                        + " working. Watch for it repeating.");
        add(140, "Unrecovered ECC error",
                "Uncorrectable memory errors arrived in a way the driver could not retire or remap; reset"
                        + " the GPU.", FAILING, RESET);
        add(143, "GPU initialization failure",
                "The GPU failed to initialize; reboot the node, and replace the GPU if it keeps failing.",
                FAILING, DRAIN);
        add(154, "GPU recovery action changed",
                "The driver now asks for a recovery action (GPU reset, node reboot or drain); nvidia-smi"
                        + " shows which.", DEGRADED, RESET);
    }

    private XidCatalog() {
    }

    private static void add(int code, String name, String meaning, Verdict severity, Action action) {
        CATALOG.put(code, new XidInfo(code, name, meaning, severity, action));
    }

    private static void app(int code, String name, String meaning) {
        add(code, name, meaning, Verdict.WATCH, WATCH);
    }

    /// What gpufleet knows of `code`; empty for a code it does not know (never guessed).
    public static Optional<XidInfo> lookup(int code) {
        return Optional.ofNullable(CATALOG.get(code));
    }

    /// `XID 79 — GPU has fallen off the bus`, or `XID 999 (not in gpufleet's catalog)`.
    public static String describe(int code) {
        return lookup(code).map(info -> "XID " + code + " — " + info.name())
                .orElse("XID " + code + " (not in gpufleet's catalog)");
    }

    /// Every code the catalog explains, in ascending order.
    public static java.util.Set<Integer> codes() {
        return java.util.Collections.unmodifiableSet(CATALOG.keySet());
    }

    /// The severity of a GPU currently showing `code`: the catalog's, or WATCH for an unknown code.
    static Verdict severity(int code) {
        return lookup(code).map(XidInfo::severity).orElse(Verdict.WATCH);
    }

    /// The action for `code`: the catalog's, or WATCH for an unknown code.
    static Action action(int code) {
        return lookup(code).map(XidInfo::action).orElse(WATCH);
    }

    /// An action stronger than `code`'s own, for an XID that keeps coming back after resets.
    static Action recurringAction(int code) {
        return severity(code) == FAILING ? REPLACE : action(code);
    }
}
