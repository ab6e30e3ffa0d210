package dev.gpufleet.core.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriageThresholdsJsonTest {

    @TempDir
    Path dir;

    @Test
    void aMissingFileMeansTheDefaults() throws Exception {
        assertThat(TriageThresholdsJson.load(dir.resolve("none.json"))).isEqualTo(TriageThresholds.defaults());
    }

    @Test
    void aFileNamesOnlyWhatItChanges() {
        TriageThresholds read = TriageThresholdsJson.parse("{\"gpuTempWatchCelsius\": 80, \"pcieReplaysWatch\": 10}",
                "t.json");
        assertThat(read.gpuTempWatchCelsius()).isEqualTo(80);
        assertThat(read.pcieReplaysWatch()).isEqualTo(10);
        assertThat(read.gpuTempFailingCelsius()).isEqualTo(TriageThresholds.defaults().gpuTempFailingCelsius());
    }

    @Test
    void savedThresholdsReadBackTheSame() throws Exception {
        TriageThresholds strict = TriageThresholds.defaults().withGpuTemperatures(70, 80);
        Path file = dir.resolve("sub/triage-thresholds.json");
        TriageThresholdsJson.save(strict, file);
        assertThat(TriageThresholdsJson.load(file)).isEqualTo(strict);
        assertThat(Files.readString(file)).contains("\"gpuTempWatchCelsius\" : 70.0");
    }

    @Test
    void badContentIsRefusedWithAMessageNamingIt() {
        assertThatThrownBy(() -> TriageThresholdsJson.parse("{\"gpuTemp\": 80}", "t.json"))
                .hasMessageContaining("unknown threshold 'gpuTemp'").hasMessageContaining("gpuTempWatchCelsius");
        assertThatThrownBy(() -> TriageThresholdsJson.parse("{\"gpuTempWatchCelsius\": \"hot\"}", "t.json"))
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> TriageThresholdsJson.parse("{\"gpuTempWatchCelsius\": 99}", "t.json"))
                .hasMessageContaining("gpuTempWatchCelsius (99.0) must be a number below gpuTempFailingCelsius");
        assertThatThrownBy(() -> TriageThresholdsJson.parse("[1]", "t.json")).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> TriageThresholdsJson.parse("{", "t.json")).hasMessageContaining("not valid JSON");
    }
}
