package dev.gpufleet.connectors.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.connectors.kube.KubeClients;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.triage.DiagnosticReport;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimUser;
import dev.gpufleet.sim.SimulatorServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/// DCGM diagnostics as a Job on the simulated fleet: the Job's pod runs `dcgmi diag`, its JSON
/// is read, the node's injected faults show as failures, and nothing is left behind.
class DcgmDiagnosticsTest {

    private static final String CONTEXT = "sim";
    private static SimulatorServer sim;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        sim = SimulatorServer.start(new SimConfig(4, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS));
        client = KubeClients.create(Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT), "sim"), CONTEXT,
                Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        client.close();
        sim.close();
    }

    @Test
    void theFleetsFaultyGpusFailAndHealthyNodesPassAndNoJobIsLeft() throws Exception {
        DcgmDiagnostics diagnostics = new DcgmDiagnostics(client, CONTEXT, "default");
        List<DiagnosticReport> reports = new ArrayList<>();
        for (String node : List.of("gpu-h100-a-001", "gpu-h100-b-001", "gpu-a100-a-001", "gpu-l40s-a-001")) {
            reports.add(diagnostics.run(node, 2, Duration.ofSeconds(30)));
        }

        assertThat(reports).allSatisfy(report -> {
            assertThat(report.dcgmVersion()).isNotBlank();
            assertThat(report.tests()).extracting(DiagnosticReport.Test::category)
                    .contains("Deployment", "Integration", "Hardware").doesNotContain("Stress");
            assertThat(report.tests().getFirst().results()).hasSize(8);
        });
        // The seed's faulty A100 fails, and says why.
        DiagnosticReport a100 = reports.get(2);
        assertThat(a100.overall()).isEqualTo(DiagnosticReport.Status.FAIL);
        assertThat(a100.failingGpus()).isNotEmpty();
        assertThat(a100.tests().stream().flatMap(t -> t.results().stream())
                .filter(r -> r.status() == DiagnosticReport.Status.FAIL)).allSatisfy(r -> assertThat(r.message()).isNotBlank());
        assertThat(reports).anySatisfy(report -> assertThat(report.overall()).isEqualTo(DiagnosticReport.Status.PASS));
        assertThat(client.batch().v1().jobs().inNamespace("default").list().getItems()).isEmpty();
        assertThat(client.pods().inNamespace("default").withLabel("gpufleet.dev/purpose", "dcgm-diag").list().getItems())
                .isEmpty();
    }

    @Test
    void aViewerMayNotStartOneAndIsToldWhichPermissionIsMissing() throws Exception {
        try (KubernetesClient viewer = KubeClients.create(Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT, SimUser.VIEWER),
                "viewer"), CONTEXT, Duration.ofSeconds(5), Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> new DcgmDiagnostics(viewer, CONTEXT, "default").run("gpu-l40s-a-001", 1,
                    Duration.ofSeconds(10)))
                    .isInstanceOf(ActionException.class)
                    .hasMessageContaining("may not create jobs.batch");
        }
    }
}
