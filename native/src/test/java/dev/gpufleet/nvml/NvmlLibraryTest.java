package dev.gpufleet.nvml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/// The absence path: where there is no NVML (every CI machine here) loading answers
/// [NvmlAvailability.Absent] with a reason, and never throws.
class NvmlLibraryTest {

    @Test
    void aMissingLibraryIsAbsentAndTheReasonNamesWhereItLookedAndTheFix() {
        NvmlAvailability availability = NvmlLibrary.load(List.of("/nonexistent/libnvidia-ml.so.1"));

        assertThat(availability).isInstanceOf(NvmlAvailability.Absent.class);
        String reason = ((NvmlAvailability.Absent) availability).reason();
        assertThat(reason).startsWith("/nonexistent/libnvidia-ml.so.1 not found; tried /nonexistent/libnvidia-ml.so.1.")
                .contains("Install the NVIDIA driver").contains("-Dgpufleet.nvml.library=");
        assertThat(availability.describe()).startsWith("NVML is not available: ");
    }

    @Test
    void onThisMachineTheDefaultSearchAnswersWithoutThrowing() {
        assumeThat(Files.exists(Path.of("/dev/nvidiactl"))).as("a machine without an NVIDIA driver").isFalse();

        NvmlAvailability availability = NvmlLibrary.load();

        assertThat(availability).isInstanceOf(NvmlAvailability.Absent.class);
        assertThat(((NvmlAvailability.Absent) availability).reason()).contains("libnvidia-ml.so.1");
    }

    @Test
    void aLibraryThatIsNotNvmlIsAbsentWithThatReason() {
        Path libc = Path.of("/usr/lib/x86_64-linux-gnu/libc.so.6");
        assumeThat(Files.exists(libc)).isTrue();

        NvmlAvailability availability = NvmlLibrary.load(List.of(libc.toString()));

        assertThat(availability).isInstanceOf(NvmlAvailability.Absent.class);
        assertThat(((NvmlAvailability.Absent) availability).reason()).contains("has no nvmlInit_v2");
    }

    @Test
    void eachPlatformLooksInItsDriversFolders() {
        assertThat(NvmlLibrary.candidates("Linux", null)).startsWith("libnvidia-ml.so.1")
                .contains("/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1");
        assertThat(NvmlLibrary.candidates("Windows 11", "D:\\Win"))
                .containsExactly("D:\\Win\\System32\\nvml.dll", "C:\\Program Files\\NVIDIA Corporation\\NVSMI\\nvml.dll");
        assertThat(NvmlLibrary.candidates("Mac OS X", null)).isEmpty();
    }

    @Test
    void aPlatformWithoutNvmlSaysSo() {
        NvmlAvailability availability = NvmlLibrary.load(List.of());

        assertThat(((NvmlAvailability.Absent) availability).reason()).contains("only on Linux and Windows");
    }
}
