package dev.gpufleet.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpufleet.core.audit.AuditEntry;
import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// `gpufleet diag` against the simulator: the faulty A100 node fails with the reason, exit 3,
/// audited; a healthy node passes.
class DiagCommandTest {

    @TempDir
    static Path dir;
    private static SimulatorServer sim;
    private static Path kubeconfig;

    @BeforeAll
    static void start() throws Exception {
        sim = SimulatorServer.start(new SimConfig(4, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS));
        kubeconfig = dir.resolve("sim.kubeconfig");
        sim.writeKubeconfig(kubeconfig, SimulatorServer.DEFAULT_CONTEXT);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void aFaultyNodeFailsWithTheReasonAndTheRunIsAudited() throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        CliRun run = CliRun.of("diag", "gpu-a100-a-001", "-r", "2", "--kubeconfig", kubeconfig.toString(),
                "--audit-log", audit.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.out()).contains("DCGM diagnostic level 2 on gpu-a100-a-001").contains(": FAIL")
                .contains("Deployment").contains("GPU ");
        assertThat(new AuditLog(audit).read()).extracting(AuditEntry::action).containsExactly("diag", "diag");
    }

    @Test
    void aHealthyNodePassesAndJsonSaysSo() throws Exception {
        CliRun run = CliRun.of("diag", "gpu-l40s-a-001", "--format", "json", "--kubeconfig", kubeconfig.toString(),
                "--audit-log", dir.resolve("audit2.jsonl").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("node").asText()).isEqualTo("gpu-l40s-a-001");
        assertThat(json.path("tests").size()).isPositive();
    }

    @Test
    void theJobRunsWhereTheNodesExporterRunsUnlessNamespaceSaysOtherwise() throws Exception {
        Path audit = dir.resolve("audit3.jsonl");
        CliRun found = CliRun.of("diag", "gpu-l40s-a-001", "--kubeconfig", kubeconfig.toString(),
                "--audit-log", audit.toString());
        CliRun chosen = CliRun.of("diag", "gpu-l40s-a-001", "--namespace", "ml", "--kubeconfig", kubeconfig.toString(),
                "--audit-log", audit.toString());

        assertThat(found.exitCode()).as(found.err()).isZero();
        assertThat(found.err()).contains("diag: running the Job in namespace gpu-operator (where gpu-l40s-a-001's"
                + " dcgm-exporter runs); --namespace chooses another.");
        assertThat(chosen.exitCode()).as(chosen.err()).isZero();
        assertThat(chosen.err()).doesNotContain("running the Job in namespace");
        assertThat(new AuditLog(audit).read()).filteredOn(entry -> entry.phase() == AuditEntry.Phase.intent)
                .extracting(entry -> entry.details().get("namespace")).containsExactly("gpu-operator", "ml");
    }
}
