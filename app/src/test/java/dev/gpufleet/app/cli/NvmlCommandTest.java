package dev.gpufleet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpufleet.nvml.NvmlLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/// `gpufleet nvml` where NVML is absent (every CI machine): exit 3, one line on stderr saying
/// what was looked for and the fix, and for `--format json` a machine-readable answer too.
class NvmlCommandTest {

    private String before;

    @BeforeEach
    void pointAtNothing() {
        before = System.getProperty(NvmlLibrary.PATH_PROPERTY);
        System.setProperty(NvmlLibrary.PATH_PROPERTY, "/nonexistent/libnvidia-ml.so.1");
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(NvmlLibrary.PATH_PROPERTY);
        } else {
            System.setProperty(NvmlLibrary.PATH_PROPERTY, before);
        }
    }

    @Test
    void absentNvmlExitsThreeWithTheReason() {
        CliRun run = CliRun.of("nvml");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).hasLineCount(1)
                .startsWith("gpufleet nvml: NVML is not available: /nonexistent/libnvidia-ml.so.1 not found")
                .contains("-Dgpufleet.nvml.library=");
    }

    @Test
    void absentNvmlAnswersInJsonToo() throws Exception {
        CliRun run = CliRun.of("nvml", "--format", "json");

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(json.get("available").asBoolean()).isFalse();
        assertThat(json.get("reason").asText()).contains("/nonexistent/libnvidia-ml.so.1");
    }

    @Test
    void aBadFormatIsAUsageError() {
        CliRun run = CliRun.of("nvml", "--format", "yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--format").contains("json, table");
    }
}
