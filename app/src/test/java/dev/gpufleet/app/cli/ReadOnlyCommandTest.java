package dev.gpufleet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `gpufleet cordon|uncordon|drain` on a context marked read-only in `contexts.json` refuse in
/// one line, change nothing and write no audit entry; a dry run is still allowed.
class ReadOnlyCommandTest {

    private static final String CONTEXT = SimulatorServer.DEFAULT_CONTEXT;
    private static final String NODE = "gpu-h100-a-001";

    @TempDir
    Path dir;

    private SimulatorServer sim;
    private Path kubeconfig;

    @BeforeEach
    void start() throws Exception {
        sim = SimulatorServer.start(new SimConfig(4, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS));
        kubeconfig = dir.resolve("kubeconfig");
        sim.writeKubeconfig(kubeconfig, CONTEXT);
        System.setProperty(ReadOnlyGuard.SETTINGS_DIR_PROPERTY, dir.resolve("settings").toString());
    }

    @AfterEach
    void stop() {
        System.clearProperty(ReadOnlyGuard.SETTINGS_DIR_PROPERTY);
        sim.close();
    }

    private void settings(String json) throws Exception {
        Files.createDirectories(dir.resolve("settings"));
        Files.writeString(dir.resolve("settings").resolve("contexts.json"), json);
    }

    private CliRun run(String... verbAndArgs) {
        String[] args = new String[verbAndArgs.length + 4];
        System.arraycopy(verbAndArgs, 0, args, 0, verbAndArgs.length);
        args[verbAndArgs.length] = "--kubeconfig";
        args[verbAndArgs.length + 1] = kubeconfig.toString();
        args[verbAndArgs.length + 2] = "--audit-log";
        args[verbAndArgs.length + 3] = dir.resolve("audit.jsonl").toString();
        return CliRun.of(args);
    }

    @Test
    void aReadOnlyContextRefusesEveryChangeInOneLine() throws Exception {
        settings("{\"version\": 1, \"contexts\": {\"" + CONTEXT + "\": {\"readOnly\": true}}}");

        for (String verb : new String[] {"cordon", "uncordon", "drain"}) {
            CliRun refused = run(verb, NODE);
            assertThat(refused.exitCode()).as(verb).isEqualTo(1);
            assertThat(refused.err().strip()).as(verb)
                    .isEqualTo("gpufleet: " + verb + ": context '" + CONTEXT + "' is read-only in gpufleet's settings,"
                            + " so nothing was done. Unlock it in the console's cluster list to allow changes.");
            assertThat(refused.out()).isEmpty();
        }
        assertThat(new AuditLog(dir.resolve("audit.jsonl")).read()).isEmpty();
        settings("{\"version\": 1, \"contexts\": {}}");
        assertThat(run("uncordon", NODE).out()).as("the refused cordon changed nothing")
                .contains("node/" + NODE + " already uncordoned");
    }

    @Test
    void aDryRunDrainIsAllowedAndAWritableContextActs() throws Exception {
        settings("{\"version\": 1, \"contexts\": {\"" + CONTEXT + "\": {\"readOnly\": true}, \"other\": {}}}");
        CliRun dryRun = run("drain", NODE, "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();

        settings("{\"version\": 1, \"contexts\": {\"other\": {\"readOnly\": true}}}");
        CliRun cordon = run("cordon", NODE);
        assertThat(cordon.exitCode()).as(cordon.err()).isZero();
        assertThat(cordon.out()).contains("node/" + NODE + " cordoned");
    }

    @Test
    void settingsThatCannotBeReadRefuseToo() throws Exception {
        settings("{\"contexts\": ");

        CliRun refused = run("cordon", NODE);

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("cannot tell whether context '" + CONTEXT + "' is read-only")
                .contains("contexts.json");
        assertThat(refused.err().strip().lines()).hasSize(1);
    }
}
