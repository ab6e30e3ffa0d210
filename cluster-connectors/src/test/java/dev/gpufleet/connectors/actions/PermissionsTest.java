package dev.gpufleet.connectors.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpufleet.connectors.actions.Permissions.Permission;
import dev.gpufleet.connectors.kube.KubeClients;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.drain.DrainOptions;
import dev.gpufleet.core.drain.DrainReport;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimUser;
import dev.gpufleet.sim.SimulatorServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/// The simulator's users (admin, on-call, viewer) as the console sees them: access reviews
/// before an action, and the API server's 403 when one is tried anyway.
class PermissionsTest {

    private static final String CONTEXT = "sim";
    private static SimulatorServer sim;
    private final List<KubernetesClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        sim = SimulatorServer.start(new SimConfig(4, 8, 42, 0, SimConfig.DEFAULT_BIND_ADDRESS));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(KubernetesClient::close);
    }

    private KubernetesClient as(SimUser user) throws Exception {
        Kubeconfig kubeconfig = Kubeconfig.fromText(sim.kubeconfigYaml(CONTEXT, user), user + " kubeconfig");
        KubernetesClient client = KubeClients.create(kubeconfig, CONTEXT, Duration.ofSeconds(5), Duration.ofSeconds(10));
        clients.add(client);
        return client;
    }

    @Test
    void eachUserIsToldWhatTheirRoleAllows() throws Exception {
        Permissions admin = new Permissions(as(SimUser.ADMIN), Clock.systemUTC());
        Permissions oncall = new Permissions(as(SimUser.ONCALL), Clock.systemUTC());
        Permissions viewer = new Permissions(as(SimUser.VIEWER), Clock.systemUTC());

        for (Permission permission : List.of(Permission.PATCH_NODES, Permission.EVICT_PODS, Permission.CREATE_JOBS)) {
            assertThat(admin.check(permission).allowed()).as("admin: %s", permission.describe()).isTrue();
            assertThat(oncall.check(permission).allowed()).as("oncall: %s", permission.describe()).isTrue();
            assertThat(viewer.check(permission).allowed()).as("viewer: %s", permission.describe()).isFalse();
        }
        assertThat(viewer.check(new Permission("list", "", "pods", "", "")).allowed()).isTrue();
        assertThat(oncall.check(new Permission("delete", "", "nodes", "", "")).allowed()).isFalse();
        assertThat(viewer.check(Permission.PATCH_NODES).reason()).contains("viewer");
    }

    @Test
    void aViewerIsRefusedBeforeAndByTheServer() throws Exception {
        KubernetesClient viewer = as(SimUser.VIEWER);
        NodeActions nodes = new NodeActions(viewer, CONTEXT);

        assertThatThrownBy(() -> nodes.cordon("gpu-h100-a-001"))
                .isInstanceOf(ActionException.class)
                .hasMessageContaining("may not patch nodes")
                .hasMessageContaining("User \"viewer\" cannot patch resource \"nodes\"")
                .satisfies(e -> assertThat(((ActionException) e).status()).isEqualTo(403));
        assertThat(viewer.nodes().withName("gpu-h100-a-001").get().getSpec().getUnschedulable()).isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void onCallMayDrainAndTheEvictionsAreTheirs() throws Exception {
        NodeDrainer drainer = new NodeDrainer(as(SimUser.ONCALL), CONTEXT);

        DrainReport report = drainer.drain(drainer.plan("gpu-a100-a-001",
                DrainOptions.defaults().withDeleteEmptyDirData(true), pod -> List.of()),
                event -> { });

        assertThat(report.outcome()).isEqualTo(DrainReport.Outcome.DRAINED);
    }

    @Test
    void answersAreRememberedForTheirTimeToLive() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-26T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        KubernetesClient client = as(SimUser.VIEWER);
        Permissions permissions = new Permissions(client, clock);
        permissions.check(Permission.PATCH_NODES);
        client.close();

        // Within the TTL the cached answer stands, without asking the (now closed) client.
        assertThat(permissions.check(Permission.PATCH_NODES).allowed()).isFalse();
        now.set(now.get().plus(Permissions.TTL).plusSeconds(1));
        assertThatThrownBy(() -> permissions.check(Permission.PATCH_NODES)).isInstanceOf(Exception.class);
    }
}
