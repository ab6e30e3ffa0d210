package dev.gpufleet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.audit.AuditEntry;
import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import dev.gpufleet.connectors.kube.KubeClients;
import dev.gpufleet.connectors.kube.Kubeconfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `gpufleet label` sets and removes labels as kubectl does, audited, refusing a wrong key in
/// one line; `gpufleet drain --yes` on a context marked production (stored in contexts.json)
/// is refused unless `--confirm NODE` names the node.
class LabelAndProductionCommandTest {

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

    private CliRun run(String... verbAndArgs) {
        String[] args = new String[verbAndArgs.length + 4];
        System.arraycopy(verbAndArgs, 0, args, 0, verbAndArgs.length);
        args[verbAndArgs.length] = "--kubeconfig";
        args[verbAndArgs.length + 1] = kubeconfig.toString();
        args[verbAndArgs.length + 2] = "--audit-log";
        args[verbAndArgs.length + 3] = dir.resolve("audit.jsonl").toString();
        return CliRun.of(args);
    }

    private void markProduction(boolean production) throws Exception {
        Files.createDirectories(dir.resolve("settings"));
        Files.writeString(dir.resolve("settings").resolve("contexts.json"),
                "{\"version\": 1, \"contexts\": {\"" + CONTEXT + "\": {\"production\": " + production + "}}}");
    }

    @Test
    void labelSetsOverwritesAndRemovesAndAudits() throws Exception {
        CliRun set = run("label", NODE, "team=ml", "example.com/tier=gold");
        CliRun again = run("label", NODE, "team=ml");
        CliRun overwrite = run("label", NODE, "team=vision");
        CliRun remove = run("label", NODE, "team-");
        CliRun gone = run("label", NODE, "team-");

        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).contains("node/" + NODE + " labeled team=ml")
                .contains("node/" + NODE + " labeled example.com/tier=gold");
        assertThat(again.out()).contains("already labeled team=ml");
        assertThat(overwrite.out()).contains("labeled team=vision");
        assertThat(remove.out()).contains("node/" + NODE + " unlabeled team");
        assertThat(gone.out()).contains("has no label team");
        assertThat(new AuditLog(dir.resolve("audit.jsonl")).read()).hasSize(12)
                .extracting(AuditEntry::action).containsOnly("label");
        assertThat(new AuditLog(dir.resolve("audit.jsonl")).read()).filteredOn(e -> e.phase() == AuditEntry.Phase.intent)
                .extracting(e -> e.details().get("label")).contains("team=ml", "team=vision", "team-");
        try (KubernetesClient client = KubeClients.create(Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT), "sim"),
                CONTEXT, Duration.ofSeconds(5), Duration.ofSeconds(10))) {
            assertThat(client.nodes().withName(NODE).get().getMetadata().getLabels())
                    .containsEntry("example.com/tier", "gold").doesNotContainKey("team");
            assertThat(client.v1().events().inNamespace("default").list().getItems())
                    .filteredOn(event -> "NodeLabeled".equals(event.getReason()))
                    .extracting(event -> event.getInvolvedObject().getName()).contains(NODE);
        }
    }

    @Test
    void aWrongLabelIsRefusedInOneLineNamingThePart() {
        CliRun wrong = run("label", NODE, "Bad_Prefix.com/team=ml");

        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.err().strip().lines()).hasSize(1);
        assertThat(wrong.err()).contains("label: the prefix \"Bad_Prefix.com\"").contains("key- to remove");
        assertThat(dir.resolve("audit.jsonl")).doesNotExist();
    }

    @Test
    void onProductionYesAloneIsRefusedBeforeAnythingIsDone() throws Exception {
        markProduction(true);

        CliRun refused = run("drain", NODE, "--yes");
        CliRun wrongName = run("drain", NODE, "--yes", "--confirm", "gpu-h100-a-002");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip()).isEqualTo("gpufleet: drain: context '" + CONTEXT + "' is marked production,"
                + " so --yes alone is not enough; add --confirm " + NODE + " to go ahead without a prompt."
                + " Nothing was done.");
        assertThat(wrongName.err()).contains("--confirm names 'gpu-h100-a-002' but the node to drain is '" + NODE + "'");
        assertThat(dir.resolve("audit.jsonl")).doesNotExist();
        assertThat(run("uncordon", NODE, "--yes", "--confirm", NODE).out()).as("nothing was cordoned")
                .contains("already uncordoned");
    }

    @Test
    void onProductionCordonUncordonAndLabelNeedTheNodeConfirmed() throws Exception {
        markProduction(true);

        CliRun cordonYes = run("cordon", NODE, "--yes");
        CliRun labelYes = run("label", NODE, "team=ml", "--yes");
        CliRun uncordonBare = run("uncordon", NODE);
        CliRun cordonWrong = run("cordon", NODE, "--yes", "--confirm", "gpu-h100-a-002");

        assertThat(cordonYes.exitCode()).isEqualTo(2);
        assertThat(cordonYes.err().strip()).isEqualTo("gpufleet: cordon: context '" + CONTEXT + "' is marked production,"
                + " so --yes alone is not enough; add --confirm " + NODE + " to go ahead without a prompt."
                + " Nothing was done.");
        assertThat(labelYes.err()).contains("label: context '" + CONTEXT + "' is marked production");
        // Tests have no terminal to prompt on.
        assertThat(uncordonBare.exitCode()).isEqualTo(2);
        assertThat(uncordonBare.err()).contains("no terminal to confirm on; add --yes --confirm " + NODE);
        assertThat(cordonWrong.err()).contains("--confirm names 'gpu-h100-a-002' but the node to cordon is '" + NODE + "'");
        assertThat(dir.resolve("audit.jsonl")).doesNotExist();

        CliRun cordoned = run("cordon", NODE, "--yes", "--confirm", NODE);
        CliRun labeled = run("label", NODE, "team=ml", "--confirm", NODE);
        CliRun uncordoned = run("uncordon", NODE, "--yes", "--confirm", NODE);

        assertThat(cordoned.exitCode()).as(cordoned.err()).isZero();
        assertThat(cordoned.out()).contains("node/" + NODE + " cordoned");
        assertThat(labeled.out()).contains("labeled team=ml");
        assertThat(uncordoned.out()).contains("node/" + NODE + " uncordoned");
        assertThat(new AuditLog(dir.resolve("audit.jsonl")).read()).extracting(AuditEntry::action)
                .contains("cordon", "label", "uncordon");
    }

    @Test
    void offProductionCordonNeedsNoConfirmation() throws Exception {
        markProduction(false);

        CliRun cordoned = run("cordon", NODE);

        assertThat(cordoned.exitCode()).as(cordoned.err()).isZero();
        assertThat(run("uncordon", NODE).exitCode()).isZero();
    }

    @Test
    void onProductionConfirmNamingTheNodeDrains() throws Exception {
        markProduction(true);

        CliRun drained = run("drain", NODE, "--yes", "--confirm", NODE, "--delete-emptydir-data", "--force");

        assertThat(drained.exitCode()).as(drained.err()).isZero();
        assertThat(new AuditLog(dir.resolve("audit.jsonl")).read()).extracting(AuditEntry::action).contains("drain");
    }

    @Test
    void aContextStoredAsNotProductionTakesYesAlone() throws Exception {
        markProduction(false);

        CliRun drained = run("drain", NODE, "--yes", "--delete-emptydir-data", "--force");

        assertThat(drained.exitCode()).as(drained.err()).isZero();
    }
}
