package dev.gpufleet.core.capacity;

import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.Taint;
import dev.gpufleet.core.rebalance.Misfit;
import dev.gpufleet.core.rebalance.NodeFit;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/// The GPU pods of one cluster that no node holds, and a fit check against its nodes by the
/// scheduler's filter as the planner's [NodeFit] applies it: cordon and readiness, the GPU
/// resources a node offers (each MIG profile is its own resource), taints against the pod's
/// tolerations, `nodeSelector` and required node affinity, then room: a node's free count of
/// a GPU resource is its allocatable count less what the non-terminated pods on it request.
///
/// GPU health from telemetry is not held against a node here: the scheduler does not see it
/// (a health taint, which it does see, is checked like any taint). A taint keyed by a GPU
/// resource counts only where the pod tolerates it; the ExtendedResourceToleration admission
/// plugin writes that toleration into the pod, so a pod record carries it when a cluster has it.
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

    /// Whether at least one pending pod could go to `node` now: it offers room and the pod
    /// tolerates its taints and selects it.
    public boolean fitsAny(NodeSnapshot node) {
        Map<String, Long> free = freeByNode.getOrDefault(node.name(), Map.of());
        return pending.stream().anyMatch(pod -> NodeFit.fits(node.node(), Health.UNKNOWN, free, pod));
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

    /// Like kube-scheduler's FailedScheduling event: `0/3 nodes are available: 1 Insufficient
    /// nvidia.com/gpu, 2 node(s) had untolerated taint {dedicated: infer}.`, plus where the most
    /// room is; or the nodes it fits on now.
    private String reason(PodRecord pod) {
        for (String resource : pod.gpuRequests().keySet()) {
            if (nodes.stream().noneMatch(n -> n.node().gpuResources().getOrDefault(resource, 0L) > 0)) {
                return "no node advertises " + resource;
            }
        }
        List<NodeSnapshot> fitting = new ArrayList<>();
        Map<String, Integer> histogram = new TreeMap<>();
        for (NodeSnapshot node : nodes) {
            Map<String, Long> free = freeByNode.get(node.name());
            Misfit misfit = NodeFit.misfit(node.node(), Health.UNKNOWN, free, pod);
            if (misfit == null) {
                fitting.add(node);
            } else {
                histogram.merge(schedulerText(misfit, node, free, pod), 1, Integer::sum);
            }
        }
        if (!fitting.isEmpty()) {
            return "fits on " + fitting.size() + " node(s) now (" + names(fitting) + "): waiting for the scheduler";
        }
        String counts = histogram.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "));
        String room = mostRoom(pod);
        return "0/" + nodes.size() + " nodes are available: " + counts + "." + (room.isEmpty() ? "" : " " + room);
    }

    /// The scheduler's words for one node's misfit.
    private static String schedulerText(Misfit misfit, NodeSnapshot node, Map<String, Long> free, PodRecord pod) {
        return switch (misfit) {
            case UNSCHEDULABLE -> "node(s) were unschedulable";
            case NOT_READY -> "node(s) were not Ready";
            case TAINT -> "node(s) had untolerated taint " + pod.scheduling().untolerated(node.node().taints())
                    .map(PendingDemand::taintText).orElse("{}");
            case SELECTOR -> "node(s) didn't match Pod's node affinity/selector";
            case NO_SUCH_RESOURCE -> "Insufficient " + shortResource(node.node().gpuResources(), pod);
            case NO_ROOM -> "Insufficient " + shortResource(free, pod);
            case UNHEALTHY, OTHER_GPU_MODEL -> misfit.description();
        };
    }

    /// kube-scheduler writes a taint as `{key: value}`.
    private static String taintText(Taint taint) {
        return "{" + taint.key() + ": " + (taint.value() == null ? "" : taint.value()) + "}";
    }

    /// The first requested resource the node has too little of.
    private static String shortResource(Map<String, Long> available, PodRecord pod) {
        return pod.gpuRequests().entrySet().stream()
                .filter(request -> available.getOrDefault(request.getKey(), 0L) < request.getValue())
                .map(Map.Entry::getKey).sorted().findFirst().orElse("GPUs");
    }

    /// `Needs 8 nvidia.com/gpu; the most free on a node it may use is 6 (n2).`, over the nodes
    /// whose state, taints and selectors let the pod in, however few GPUs they have; empty when
    /// there are none.
    private String mostRoom(PodRecord pod) {
        List<NodeSnapshot> usable = nodes.stream()
                .filter(n -> NodeFit.receives(n.node(), Health.UNKNOWN)
                        && pod.scheduling().toleratesAll(n.node().taints())
                        && pod.scheduling().selects(n.name(), n.node().labels()))
                .toList();
        if (usable.isEmpty()) {
            return "";
        }
        StringBuilder why = new StringBuilder();
        for (Map.Entry<String, Long> request : new TreeMap<>(pod.gpuRequests()).entrySet()) {
            @Nullable NodeSnapshot best = null;
            long most = 0;
            for (NodeSnapshot node : usable) {
                long free = freeByNode.get(node.name()).getOrDefault(request.getKey(), 0L);
                if (free > most) {
                    most = free;
                    best = node;
                }
            }
            why.append(why.isEmpty() ? "Needs " : " Needs ").append(request.getValue()).append(' ')
                    .append(request.getKey()).append("; the most free on a node it may use is ").append(most)
                    .append(best == null ? "" : " (" + best.name() + ")").append('.');
        }
        return why.toString();
    }

    private static String names(List<NodeSnapshot> nodes) {
        String shown = nodes.stream().limit(5).map(NodeSnapshot::name).collect(Collectors.joining(", "));
        return nodes.size() > 5 ? shown + " and " + (nodes.size() - 5) + " more" : shown;
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
