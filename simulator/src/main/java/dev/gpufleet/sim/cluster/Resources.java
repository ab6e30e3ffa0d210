package dev.gpufleet.sim.cluster;

import dev.gpufleet.sim.store.ResourceType;
import java.util.List;

/// The resources the simulated API server serves, with what discovery says about each.
public final class Resources {

    private static final List<String> RW = ResourceType.READ_WRITE;
    private static final List<String> ALL = List.of("all");

    public static final ResourceType NAMESPACES =
            new ResourceType("", "v1", "namespaces", "namespace", "Namespace", false, List.of("ns"), RW, List.of());
    public static final ResourceType NODES =
            new ResourceType("", "v1", "nodes", "node", "Node", false, List.of("no"), RW, List.of());
    public static final ResourceType PODS =
            new ResourceType("", "v1", "pods", "pod", "Pod", true, List.of("po"), RW, ALL);
    public static final ResourceType EVENTS =
            new ResourceType("", "v1", "events", "event", "Event", true, List.of("ev"), RW, List.of());
    public static final ResourceType DAEMONSETS =
            new ResourceType("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true, List.of("ds"), RW, ALL);
    public static final ResourceType DEPLOYMENTS =
            new ResourceType("apps", "v1", "deployments", "deployment", "Deployment", true, List.of("deploy"), RW, ALL);
    public static final ResourceType REPLICASETS =
            new ResourceType("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, List.of("rs"), RW, ALL);
    public static final ResourceType STATEFULSETS =
            new ResourceType("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true, List.of("sts"), RW, ALL);
    public static final ResourceType JOBS =
            new ResourceType("batch", "v1", "jobs", "job", "Job", true, List.of(), RW, ALL);
    public static final ResourceType PDBS = new ResourceType("policy", "v1", "poddisruptionbudgets",
            "poddisruptionbudget", "PodDisruptionBudget", true, List.of("pdb"), RW, List.of());
    public static final ResourceType LEASES = new ResourceType("coordination.k8s.io", "v1", "leases", "lease",
            "Lease", true, List.of(), RW, List.of());

    /// Not stored: a review is answered and forgotten, as the API server does.
    public static final ResourceType ACCESS_REVIEWS = new ResourceType("authorization.k8s.io", "v1",
            "selfsubjectaccessreviews", "selfsubjectaccessreview", "SelfSubjectAccessReview", false, List.of(),
            List.of("create"), List.of());

    /// Every served resource, core group first, in discovery order.
    public static final List<ResourceType> ALL_TYPES = List.of(NAMESPACES, NODES, PODS, EVENTS, DAEMONSETS,
            DEPLOYMENTS, REPLICASETS, STATEFULSETS, JOBS, PDBS, LEASES, ACCESS_REVIEWS);

    /// Subresources discovery lists (`pods/proxy` and friends), by parent resource.
    public static List<String> subresources(ResourceType type) {
        return switch (type.plural()) {
            case "pods" -> List.of("eviction", "log", "proxy", "status");
            case "nodes" -> List.of("proxy", "status");
            case "namespaces" -> List.of("status");
            case "deployments", "replicasets", "statefulsets" -> List.of("scale", "status");
            case "daemonsets", "jobs", "poddisruptionbudgets" -> List.of("status");
            default -> List.of();
        };
    }

    private Resources() {
    }
}
