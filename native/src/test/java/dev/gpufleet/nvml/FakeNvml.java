package dev.gpufleet.nvml;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/// Builds `fake_nvml.c` (a two-GPU stand-in for libnvidia-ml, in the test resources) with the
/// machine's C compiler, so the FFM calls run for real where there is no NVIDIA driver. Tests
/// that need it are skipped where no compiler is installed.
final class FakeNvml {

    private FakeNvml() {
    }

    static Path build(Path folder) throws IOException, InterruptedException {
        Path source = folder.resolve("fake_nvml.c");
        try (InputStream in = FakeNvml.class.getResourceAsStream("/fake-nvml/fake_nvml.c")) {
            Files.copy(in, source);
        }
        Path library = folder.resolve("libfake-nvml.so");
        Process compile;
        try {
            compile = new ProcessBuilder("cc", "-shared", "-fPIC", "-o", library.toString(), source.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeThat(false).as("a C compiler (cc) to build the fake NVML: " + e.getMessage()).isTrue();
            throw e;
        }
        String output = new String(compile.getInputStream().readAllBytes());
        assumeThat(compile.waitFor(60, TimeUnit.SECONDS) && compile.exitValue() == 0)
                .as("cc built the fake NVML: " + output).isTrue();
        return library;
    }

    static Nvml load(Path library) {
        NvmlAvailability availability = NvmlLibrary.load(List.of(library.toString()));
        if (availability instanceof NvmlAvailability.Present present) {
            return present.nvml();
        }
        throw new AssertionError("fake NVML did not load: " + availability.describe());
    }
}
