package dev.gpufleet.app.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.app.FleetSession;
import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.kube.KubeClients;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.actions.DiagnosticProgress;
import dev.gpufleet.core.actions.NodeDiagnostics;
import dev.gpufleet.core.audit.AuditEntry;
import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.core.triage.DiagnosticReport;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimUser;
import dev.gpufleet.sim.SimulatorServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The console's diagnostics over HTTP against the simulator: allowed for the admin, refused
/// for the viewer and on a read-only context with the reason; a run reports each step, ends
/// with DCGM's report, is audited and leaves no Job; a cancelled run deletes its Job.
class SessionDiagnosticsTest {

    private static final String CONTEXT = "lab";
    private static final String NODE = "gpu-a100-a-001";

    @TempDir
    Path dir;

    private SimulatorServer sim;
    private FleetSession session;

    @BeforeEach
    void start() throws Exception {
        sim = SimulatorServer.start(new SimConfig(4, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS));
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        sim.close();
    }

    private SessionDiagnostics as(SimUser user, boolean readOnly) throws Exception {
        session = new FleetSession(new FleetStore(), Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT, user), "test"),
                SimConfig.defaults(), ConnectionOptions.defaults());
        return new SessionDiagnostics(session, new AuditLog(dir.resolve("audit.jsonl")), context -> readOnly,
                SessionDiagnostics.DEFAULT_NAMESPACE);
    }

    private KubernetesClient client() throws Exception {
        return KubeClients.create(Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT), "sim"), CONTEXT,
                Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @Test
    void theViewerAndAReadOnlyContextAreRefusedWithTheReason() throws Exception {
        assertThat(as(SimUser.VIEWER, false).check(CONTEXT).reason()).contains("create jobs.batch in namespace default");
        session.close();
        SessionDiagnostics locked = as(SimUser.ADMIN, true);
        assertThat(locked.check(CONTEXT).reason()).contains("read-only");
        assertThatThrownBy(() -> locked.start(CONTEXT, NODE, 1, step -> { })).hasMessageContaining("read-only");
        assertThat(dir.resolve("audit.jsonl")).doesNotExist();
    }

    @Test
    void aRunReportsEachStepEndsWithTheReportAndIsAudited() throws Exception {
        SessionDiagnostics diagnostics = as(SimUser.ADMIN, false);
        assertThat(diagnostics.check(CONTEXT).allowed()).isTrue();
        List<DiagnosticProgress.Step> steps = new CopyOnWriteArrayList<>();

        NodeDiagnostics.DiagnosticRun run = diagnostics.start(CONTEXT, NODE, 2, step -> steps.add(step.step()));
        DiagnosticReport report = run.result().get(60, TimeUnit.SECONDS);

        assertThat(report.overall()).isEqualTo(DiagnosticReport.Status.FAIL);
        assertThat(steps).startsWith(DiagnosticProgress.Step.JOB_CREATED).contains(DiagnosticProgress.Step.POD_RUNNING)
                .endsWith(DiagnosticProgress.Step.COLLECTING);
        List<AuditEntry> audit = new AuditLog(dir.resolve("audit.jsonl")).read();
        assertThat(audit).extracting(AuditEntry::action).containsExactly("diag", "diag");
        assertThat(audit.getLast().result()).isEqualTo("ok");
        assertThat(audit.getLast().message()).contains("FAIL");
        try (KubernetesClient client = client()) {
            assertThat(client.batch().v1().jobs().inNamespace("default").list().getItems()).isEmpty();
            assertThat(client.v1().events().inNamespace("default").list().getItems())
                    .anySatisfy(event -> assertThat(event.getReason()).isEqualTo("NodeDiagnosed"));
        }
    }

    @Test
    void aCancelledRunDeletesItsJobAndIsAuditedAsCancelled() throws Exception {
        SessionDiagnostics diagnostics = as(SimUser.ADMIN, false);
        List<DiagnosticProgress.Step> steps = new CopyOnWriteArrayList<>();
        NodeDiagnostics.DiagnosticRun run = diagnostics.start(CONTEXT, NODE, 1, step -> {
            steps.add(step.step());
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (steps.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        run.cancel();

        assertThatThrownBy(() -> run.result().get(20, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        assertThat(new AuditLog(dir.resolve("audit.jsonl")).read().getLast().result()).isEqualTo("cancelled");
        try (KubernetesClient client = client()) {
            assertThat(client.batch().v1().jobs().inNamespace("default").list().getItems()).isEmpty();
        }
    }
}
