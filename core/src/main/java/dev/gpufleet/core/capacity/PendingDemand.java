package dev.gpufleet.core.capacity;

import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.Taint;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/// The GPU pods of one cluster that no node holds, and a fit check against its nodes by the
/// scheduler's arithmetic: a node's free count of a GPU resource is its allocatable count less
/// what the non-terminated pods on it request.
///
/// Only GPU resources are compared. Taints are listed as a reason but not checked against the
/// pod's tolerations, and node selectors and affinity are not checked: the pod record does not
/// carry them yet. A taint keyed by a GPU resource the pod requests counts as tolerated.
public final class PendingDemand {

    private final String cluster;
    private final List<NodeSnapshot> nodes;
    private final List<PodRecord> pending;
    private final Map<String, Map<String, Long>> freeByNode = new HashMap<>();

    public PendingDemand(ClusterSnapshot cluster) {
        this.cluster = cluster.name();
        this.nodes = cluster.nodes();
        this.pending = cluster.unscheduled().stream()
                .filter(pod -> "Pending".equals(pod.phase()) && pod.gpusRequested() > 0)
                .toList();
        for (NodeSnapshot node : nodes) {
            freeByNode.put(node.name(), free(node));
        }
    }

    /// Whether any pod of this cluster waits for GPUs.
    public boolean any() {
        return !pending.isEmpty();
    }

    /// Whether `node` has room, by GPU counts alone, for at least one pending pod.
    public boolean fitsAny(NodeSnapshot node) {
        Map<String, Long> free = freeByNode.getOrDefault(node.name(), Map.of());
        return pending.stream().anyMatch(pod -> fits(pod, free));
    }

    /// Every pending GPU pod and why it does not fit.
    public List<PendingPod> pods() {
        List<PendingPod> result = new ArrayList<>(pending.size());
        for (PodRecord pod : pending) {
            result.add(new PendingPod(cluster, pod.namespace(), pod.name(), Workloads.of(pod.owner(), pod.name()),
                    pod.gpuRequests(), reason(pod)));
        }
        return result;
    }

    private String reason(PodRecord pod) {
        for (String resource : pod.gpuRequests().keySet()) {
            if (nodes.stream().noneMatch(n -> n.node().gpuResources().getOrDefault(resource, 0L) > 0)) {
                return "no node advertises " + resource;
            }
        }
        List<NodeSnapshot> roomy = nodes.stream().filter(n -> fits(pod, freeByNode.get(n.name()))).toList();
        if (roomy.isEmpty()) {
            return notEnough(pod);
        }
        List<NodeSnapshot> open = roomy.stream().filter(n -> !n.node().unschedulable() && n.node().ready()).toList();
        if (open.isEmpty()) {
            return "only cordoned or not-Ready nodes have room: " + names(roomy);
        }
        List<NodeSnapshot> untainted = open.stream().filter(n -> repelling(n.node(), pod).isEmpty()).toList();
        if (untainted.isEmpty()) {
            return "the nodes with room are tainted (" + open.stream().limit(3)
                    .map(n -> n.name() + " " + repelling(n.node(), pod)).collect(Collectors.joining(", "))
                    + "); taints not checked against tolerations";
        }
        return "fits on " + untainted.size() + " node(s) now (" + names(untainted)
                + "): waiting for the scheduler, or kept out by node selectors or affinity (not checked)";
    }

    private String notEnough(PodRecord pod) {
        StringBuilder why = new StringBuilder("not enough free GPUs on any one node:");
        for (Map.Entry<String, Long> request : pod.gpuRequests().entrySet()) {
            String resource = request.getKey();
            long most = 0;
            String where = "";
            for (NodeSnapshot node : nodes) {
                long free = freeByNode.get(node.name()).getOrDefault(resource, 0L);
                if (free > most) {
                    most = free;
                    where = " (" + node.name() + ")";
                }
            }
            why.append(" needs ").append(request.getValue()).append(' ').append(resource)
                    .append(", the most free on one node is ").append(most).append(where).append(';');
        }
        why.setLength(why.length() - 1);
        return why.toString();
    }

    private static String names(List<NodeSnapshot> nodes) {
        String shown = nodes.stream().limit(5).map(NodeSnapshot::name).collect(Collectors.joining(", "));
        return nodes.size() > 5 ? shown + " and " + (nodes.size() - 5) + " more" : shown;
    }

    /// The node's scheduling taints, less those keyed by a resource the pod requests: the
    /// ExtendedResourceToleration admission plugin (on in GKE and many clusters) gives a pod
    /// that toleration, which is why GPU nodes are commonly tainted `nvidia.com/gpu`.
    private static List<String> repelling(NodeRecord node, PodRecord pod) {
        return node.taints().stream()
                .filter(t -> "NoSchedule".equals(t.effect()) || "NoExecute".equals(t.effect()))
                .filter(t -> !pod.gpuRequests().containsKey(t.key()))
                .map(Taint::toString)
                .toList();
    }

    private static boolean fits(PodRecord pod, Map<String, Long> free) {
        for (Map.Entry<String, Long> request : pod.gpuRequests().entrySet()) {
            if (free.getOrDefault(request.getKey(), 0L) < request.getValue()) {
                return false;
            }
        }
        return true;
    }

    /// A node's free count of each GPU resource it advertises.
    static Map<String, Long> free(NodeSnapshot node) {
        Map<String, Long> free = new HashMap<>(node.node().gpuResources());
        for (PodRecord pod : node.pods()) {
            if (!"Succeeded".equals(pod.phase()) && !"Failed".equals(pod.phase())) {
                pod.gpuRequests().forEach((resource, count) -> free.merge(resource, -count, Long::sum));
            }
        }
        return free;
    }
}
