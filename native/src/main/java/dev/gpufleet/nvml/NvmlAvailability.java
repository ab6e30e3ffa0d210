package dev.gpufleet.nvml;

import java.util.Objects;

/// Whether NVML could be loaded and initialised on this machine.
///
/// Absence is an ordinary answer, not an error: most machines that run the console have no
/// NVIDIA driver, and the reason says what was looked for, where, and what to do about it.
public sealed interface NvmlAvailability {

    /// A working NVML, initialised; close it to shut NVML down.
    record Present(Nvml nvml) implements NvmlAvailability {

        public Present {
            Objects.requireNonNull(nvml, "nvml");
        }
    }

    /// No usable NVML, and why.
    record Absent(String reason) implements NvmlAvailability {

        public Absent {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static NvmlAvailability absent(String reason) {
        return new Absent(reason);
    }

    /// A sentence for people: the library and driver in use, or why there is none.
    default String describe() {
        return switch (this) {
            case Present present -> "NVML " + present.nvml().versionText() + " from " + present.nvml().library();
            case Absent absent -> "NVML is not available: " + absent.reason();
        };
    }
}
