package dev.gpufleet.connectors.actions;

import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.cluster.NodeTelemetryRead;
import dev.gpufleet.connectors.kube.KubeClients;
import dev.gpufleet.connectors.kube.KubeContext;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.connectors.kube.KubeconfigException;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/// The actions of one kubeconfig context, over a client of their own (apart from the
/// connection's watches): node changes and drains. Close it when done.
public final class ClusterActions implements AutoCloseable {

    private final KubernetesClient client;
    private final String context;
    private final String user;
    private final Permissions permissions;

    private ClusterActions(KubernetesClient client, String context, String user) {
        this.client = client;
        this.context = context;
        this.user = user;
        this.permissions = new Permissions(client, Clock.systemUTC());
    }

    public static ClusterActions open(Kubeconfig kubeconfig, String context) throws KubeconfigException {
        KubernetesClient client = KubeClients.createShortLived(kubeconfig, context, Duration.ofSeconds(10),
                Duration.ofSeconds(30));
        KubeContext described = kubeconfig.context(context).orElseThrow();
        return new ClusterActions(client, context, described.user().isEmpty() ? "(anonymous)" : described.user());
    }

    public String context() {
        return context;
    }

    /// The kubeconfig user the actions run as: a name for the audit log, never a credential.
    public String user() {
        return user;
    }

    public NodeActions nodes() {
        return new NodeActions(client, context);
    }

    public NodeDrainer drainer() {
        return new NodeDrainer(client, context);
    }

    /// Rebalance moves: evictions in plan order, and the budgets a plan must respect.
    public PodMoves moves() {
        return new PodMoves(client, context);
    }

    /// DCGM diagnostics run as Jobs in `namespace`.
    public DcgmDiagnostics diagnostics(String namespace) {
        return new DcgmDiagnostics(client, context, namespace);
    }

    /// One node's GPU telemetry, read once (for a GPU-aware preview of an action on it).
    public NodeTelemetry nodeTelemetry(String node) throws InterruptedException {
        return NodeTelemetryRead.read(client, node, ConnectionOptions.defaults());
    }

    /// The namespace of the dcgm-exporter pod on `node`, where the GPU operator runs DCGM (and
    /// where privileged pods are allowed): the natural home of a diagnostic Job. Empty when no
    /// exporter pod runs there or pods cannot be listed.
    public Optional<String> exporterNamespace(String node) {
        try {
            return client.pods().inAnyNamespace().withLabels(ConnectionOptions.defaults().exporterSelector())
                    .withField("spec.nodeName", node).list().getItems().stream()
                    .map(pod -> pod.getMetadata().getNamespace()).filter(Objects::nonNull).findFirst();
        } catch (KubernetesClientException unlisted) {
            return Optional.empty();
        }
    }

    /// Events on nodes naming what was done and by whom.
    public ActionEvents events() {
        return new ActionEvents(client, user, Clock.systemUTC());
    }

    /// This context's permissions, asked once per [Permissions#TTL].
    public Permissions permissions() {
        return permissions;
    }

    /// Refuses, with the permission's name and what to do, when the user may not.
    public void require(Permissions.Permission permission, String action) throws ActionException {
        Permissions.Verdict verdict = permissions.check(permission);
        if (!verdict.allowed()) {
            throw new ActionException(403, "You may not " + action + " in context \"" + context + "\": user \""
                    + user + "\" lacks " + permission.describe() + (verdict.reason().isEmpty() ? "" : " (" + verdict.reason()
                    + ")") + ". Ask a cluster admin for a role that allows it.");
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
