package dev.gpufleet.app.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.app.FleetSession;
import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.actions.Capability;
import dev.gpufleet.core.actions.NodeChange;
import dev.gpufleet.core.actions.OperationException;
import dev.gpufleet.core.audit.AuditEntry;
import dev.gpufleet.core.audit.AuditLog;
import dev.gpufleet.core.drain.DrainOptions;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimUser;
import dev.gpufleet.sim.SimulatorServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The console's node operations against the simulator: what a user may do is what the API
/// server's SelfSubjectAccessReview says, changes are audited before and after, and a refusal
/// comes back with its meaning.
class SessionNodeOperationsTest {

    private static final String NODE = "gpu-h100-a-001";

    @TempDir
    Path dir;

    private final SimulatorServer sim = start();
    private FleetSession session;

    private static SimulatorServer start() {
        try {
            return SimulatorServer.start(new SimConfig(2, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        sim.close();
    }

    private SessionNodeOperations as(SimUser user, String context) throws Exception {
        session = new FleetSession(new FleetStore(), Kubeconfig.fromText(sim.kubeconfigYaml(context, user), "test"),
                SimConfig.defaults(), ConnectionOptions.defaults());
        return new SessionNodeOperations(session, new AuditLog(dir.resolve("audit.jsonl")), ProductionContexts::byName);
    }

    @Test
    void onCallMayChangeNodesAndEachChangeIsAuditedBeforeAndAfter() throws Exception {
        SessionNodeOperations operations = as(SimUser.ONCALL, "lab");

        assertThat(operations.check("lab", Capability.CHANGE_NODES).allowed()).isTrue();
        assertThat(operations.check("lab", Capability.EVICT_PODS).allowed()).isTrue();
        assertThat(operations.apply("lab", NODE, NodeChange.taint(NodeChange.GPU_UNHEALTHY)))
                .isEqualTo("node/" + NODE + " tainted nvidia.com/gpu.health=unhealthy:NoSchedule");
        assertThat(operations.apply("lab", NODE, NodeChange.taint(NodeChange.GPU_UNHEALTHY))).contains("already has taint");
        assertThat(operations.apply("lab", NODE, NodeChange.untaint(NodeChange.GPU_UNHEALTHY))).contains("untainted");
        assertThat(operations.apply("lab", NODE, NodeChange.cordon())).isEqualTo("node/" + NODE + " cordoned");

        List<AuditEntry> audit = new AuditLog(dir.resolve("audit.jsonl")).read();
        assertThat(audit).extracting(AuditEntry::action)
                .containsExactly("taint", "taint", "taint", "taint", "untaint", "untaint", "cordon", "cordon");
        // The kubeconfig user the simulator writes is named after the context.
        assertThat(audit).extracting(AuditEntry::user).containsOnly("lab");
        assertThat(audit.getFirst().details()).containsEntry("taint", "nvidia.com/gpu.health=unhealthy:NoSchedule");
    }

    @Test
    void aViewerIsToldWhichPermissionIsMissingAndNothingIsAudited() throws Exception {
        SessionNodeOperations operations = as(SimUser.VIEWER, "lab");

        assertThat(operations.check("lab", Capability.CHANGE_NODES).reason()).contains("lacks patch nodes");
        assertThat(operations.check("lab", Capability.EVICT_PODS).reason()).contains("lacks create pods/eviction");
        assertThatThrownBy(() -> operations.apply("lab", NODE, NodeChange.cordon()))
                .isInstanceOf(OperationException.class).hasMessageContaining("patch nodes")
                .satisfies(e -> assertThat(((OperationException) e).status()).isEqualTo(403));
        assertThat(dir.resolve("audit.jsonl")).doesNotExist();
    }

    @Test
    void anUnknownNodeIsNamedAndItsFailureAudited() throws Exception {
        SessionNodeOperations operations = as(SimUser.ADMIN, "lab");

        assertThatThrownBy(() -> operations.apply("lab", "gpu-nope-001", NodeChange.cordon()))
                .hasMessageContaining("gpu-nope-001").hasMessageContaining("was not found");
        assertThat(new AuditLog(dir.resolve("audit.jsonl")).read()).extracting(AuditEntry::result)
                .containsExactly(null, "failed");
    }

    @Test
    void aReadOnlyContextRefusesChangesBeforeAskingTheServerButStillAllowsADryRunPlan() throws Exception {
        session = new FleetSession(new FleetStore(), Kubeconfig.fromText(sim.kubeconfigYaml("lab"), "test"),
                SimConfig.defaults(), ConnectionOptions.defaults());
        SessionNodeOperations operations = new SessionNodeOperations(session, new AuditLog(dir.resolve("audit.jsonl")),
                ProductionContexts::byName, "lab"::equals);

        assertThat(operations.isReadOnly("lab")).isTrue();
        assertThatThrownBy(() -> operations.apply("lab", NODE, NodeChange.cordon())).hasMessageContaining("read-only");
        assertThatThrownBy(() -> operations.planDrain("lab", NODE, DrainOptions.defaults()))
                .hasMessageContaining("read-only");
        assertThat(operations.planDrain("lab", NODE, DrainOptions.defaults().withDryRun(true)).node()).isEqualTo(NODE);
        assertThat(dir.resolve("audit.jsonl")).doesNotExist();
    }

    @Test
    void contextsNamedProductionAreMarkedSo() {
        assertThat(ProductionContexts.byName("prod-east")).isTrue();
        assertThat(ProductionContexts.byName("gke_acme_europe-west4_prod")).isTrue();
        assertThat(ProductionContexts.byName("eu.prd.1")).isTrue();
        assertThat(ProductionContexts.byName("Production")).isTrue();
        assertThat(ProductionContexts.byName("demo-fleet")).isFalse();
        assertThat(ProductionContexts.byName("product-lab")).isFalse();
        assertThat(ProductionContexts.byName("staging")).isFalse();
    }
}
