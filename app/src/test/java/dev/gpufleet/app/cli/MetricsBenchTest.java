package dev.gpufleet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `metrics parse --bench` runs and prints its figures. Speed itself is never asserted here:
/// timings belong to the JMH benchmarks, not to a unit test on a shared machine.
class MetricsBenchTest {

    @TempDir
    Path dir;

    @Test
    void benchModePrintsThroughputAndAllocation() throws Exception {
        Path file = dir.resolve("scrape.txt");
        Files.writeString(file, """
                # HELP DCGM_FI_DEV_GPU_UTIL GPU utilization (in %).
                # TYPE DCGM_FI_DEV_GPU_UTIL gauge
                DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-1",modelName="NVIDIA L4",Hostname="n1"} 37
                DCGM_FI_DEV_GPU_TEMP{gpu="0",UUID="GPU-1",modelName="NVIDIA L4",Hostname="n1"} 41
                not a metric line
                """);

        CliRun run = CliRun.of("metrics", "parse", "--bench", "--bench-seconds", "1", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("scrape.txt", "2 samples a pass", "MiB/s", "samples/s", "bytes/sample");
    }

    @Test
    void benchSecondsBelowOneIsOneClearLine() throws Exception {
        Path file = dir.resolve("scrape.txt");
        Files.writeString(file, "m 1\n");

        CliRun run = CliRun.of("metrics", "parse", "--bench", "--bench-seconds", "0", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--bench-seconds").doesNotContain("Exception").hasLineCount(1);
    }
}
