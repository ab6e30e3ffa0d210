package dev.gpufleet.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/// `build-installers.sh` refuses what it cannot build with one line that says what to do,
/// before it builds anything (these runs stop at the argument and version checks).
@EnabledOnOs(OS.LINUX)
class BuildInstallersScriptTest {

    record Run(int exit, String err) {
    }

    @Test
    void anUnknownKindNamesTheKindsThereAre() throws Exception {
        Run run = run(List.of("zip"), null);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("unknown installer kind 'zip'").contains("app-image, deb, rpm, dmg, msi or all");
    }

    @Test
    void anotherSystemsInstallerIsRefusedHere() throws Exception {
        Run run = run(List.of("dmg"), null);
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("dmg installers are built on macOS");
    }

    @Test
    void aVersionJpackageCannotTakeIsRefusedWithTheFix() throws Exception {
        Run run = run(List.of("app-image"), "1.2.0-beta");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("version '1.2.0-beta' is not one to three numbers").contains("GPUFLEET_VERSION");
    }

    private static Run run(List<String> args, @Nullable String version) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "build-installers.sh"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("GPUFLEET_SKIP_BUILD", "1");
        if (version != null) {
            builder.environment().put("GPUFLEET_VERSION", version);
        }
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the script answers at once").isTrue();
        return new Run(process.exitValue(), err);
    }
}
