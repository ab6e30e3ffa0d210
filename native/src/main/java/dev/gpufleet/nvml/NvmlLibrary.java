package dev.gpufleet.nvml;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/// Finds NVML's shared library, loads it and initialises it: `libnvidia-ml.so.1` on Linux
/// (through the dynamic loader's search path, then the usual driver folders), `nvml.dll` on
/// Windows (System32, then the NVSMI folder). The system property
/// `gpufleet.nvml.library` names a file to use instead.
public final class NvmlLibrary {

    /// The system property that overrides where NVML is looked for.
    public static final String PATH_PROPERTY = "gpufleet.nvml.library";

    private NvmlLibrary() {
    }

    /// Loads and initialises NVML from the platform's usual places.
    public static NvmlAvailability load() {
        String override = System.getProperty(PATH_PROPERTY);
        return load(override != null && !override.isBlank() ? List.of(override)
                : candidates(System.getProperty("os.name", ""), System.getenv("SystemRoot")));
    }

    /// Loads and initialises the first of `candidates` (file paths or bare library names for
    /// the dynamic loader) that opens; never throws.
    public static NvmlAvailability load(List<String> candidates) {
        if (candidates.isEmpty()) {
            return NvmlAvailability.absent("NVML exists only on Linux and Windows with an NVIDIA driver; "
                    + "this is " + System.getProperty("os.name") + ".");
        }
        List<String> failures = new ArrayList<>();
        for (String candidate : candidates) {
            SymbolLookup lookup = open(candidate, failures);
            if (lookup != null) {
                return initialise(candidate, new NvmlBindings(lookup));
            }
        }
        String details = failures.isEmpty() ? "" : " (" + String.join("; ", failures) + ")";
        return NvmlAvailability.absent(candidates.getFirst() + " not found; tried " + String.join(", ", candidates)
                + details + ". Install the NVIDIA driver, or set -D" + PATH_PROPERTY + "=<path to the library>.");
    }

    /// Where NVML lives on `osName`; empty where there is none (macOS).
    static List<String> candidates(String osName, @Nullable String systemRoot) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String root = systemRoot == null ? "C:\\Windows" : systemRoot;
            return List.of(root + "\\System32\\nvml.dll",
                    "C:\\Program Files\\NVIDIA Corporation\\NVSMI\\nvml.dll");
        }
        if (os.contains("linux")) {
            return List.of("libnvidia-ml.so.1", "/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1",
                    "/usr/lib64/libnvidia-ml.so.1", "/usr/lib/aarch64-linux-gnu/libnvidia-ml.so.1",
                    "/usr/lib/wsl/lib/libnvidia-ml.so.1");
        }
        return List.of();
    }

    private static @Nullable SymbolLookup open(String candidate, List<String> failures) {
        try {
            boolean isPath = candidate.contains("/") || candidate.contains("\\");
            return isPath ? SymbolLookup.libraryLookup(Path.of(candidate), Arena.global())
                    : SymbolLookup.libraryLookup(candidate, Arena.global());
        } catch (IllegalArgumentException e) {
            // The JDK's message only repeats the name ("Cannot open library: ..."): the list of
            // candidates already says it.
            return null;
        } catch (IllegalCallerException e) {
            if (failures.isEmpty()) {
                failures.add("native access is disabled; run java with --enable-native-access=ALL-UNNAMED");
            }
            return null;
        }
    }

    private static NvmlAvailability initialise(String library, NvmlBindings bindings) {
        if (!bindings.has("nvmlInit_v2")) {
            return NvmlAvailability.absent(library + " opened but has no nvmlInit_v2: it is not NVML, "
                    + "or an NVML older than driver 325. Point -D" + PATH_PROPERTY + " at libnvidia-ml.");
        }
        try {
            bindings.call("nvmlInit_v2");
        } catch (NvmlException e) {
            return NvmlAvailability.absent(library + " loaded but " + e.getMessage()
                    + ". Check that the NVIDIA kernel driver is loaded (nvidia-smi should work).");
        }
        return new NvmlAvailability.Present(new Nvml(library, bindings));
    }
}
