package dev.gpufleet.sim.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// The scheduler's filters for one node: unschedulable, node selector and required node
/// affinity ([NodeAffinities]), untolerated NoSchedule/NoExecute taints, then room for the pod
/// (NodeResourcesFit): its pod slot, its CPU and memory requests against the node's allocatable
/// (when the node reports them) and its accelerator requests (`nvidia.com/gpu`,
/// `nvidia.com/mig-*`, `amd.com/*`).
final class NodeFit {

    private NodeFit() {
    }

    /// What one node has in use: accelerator units, CPU millicores (`cpu`) and memory bytes
    /// (`memory`) by resource name, and the pods bound there.
    static final class Usage {
        final Map<String, Long> used = new HashMap<>();
        int pods;

        void add(Map<String, Long> requests) {
            requests.forEach((k, v) -> used.merge(k, v, Long::sum));
            pods++;
        }
    }

    /// Accelerator requests of a pod by resource name; a resource with only a limit requests
    /// its limit, as the API server defaults it.
    static Map<String, Long> requests(Pod pod) {
        Map<String, Long> out = new HashMap<>();
        for (Container c : pod.getSpec().getContainers()) {
            if (c.getResources() == null) {
                continue;
            }
            Map<String, Quantity> limits = c.getResources().getLimits() == null ? Map.of() : c.getResources().getLimits();
            Map<String, Quantity> asked = new HashMap<>(limits);
            if (c.getResources().getRequests() != null) {
                asked.putAll(c.getResources().getRequests());
            }
            asked.forEach((k, q) -> {
                if (accelerator(k)) {
                    out.merge(k, q.getNumericalAmount().longValue(), Long::sum);
                }
            });
        }
        return out;
    }

    /// What the scheduler counts of a pod: its accelerator requests plus `cpu` in millicores and
    /// `memory` in bytes (a container's limit where it requests nothing, as the API server defaults it).
    static Map<String, Long> allRequests(Pod pod) {
        Map<String, Long> out = requests(pod);
        for (Container c : pod.getSpec().getContainers()) {
            if (c.getResources() == null) {
                continue;
            }
            for (String resource : List.of("cpu", "memory")) {
                Quantity q = asked(c.getResources().getRequests(), c.getResources().getLimits(), resource);
                if (q != null) {
                    BigDecimal amount = q.getNumericalAmount();
                    long units = "cpu".equals(resource) ? amount.movePointRight(3).setScale(0, RoundingMode.CEILING)
                            .longValueExact() : amount.setScale(0, RoundingMode.CEILING).longValueExact();
                    out.merge(resource, units, Long::sum);
                }
            }
        }
        return out;
    }

    private static @Nullable Quantity asked(@Nullable Map<String, Quantity> requests, @Nullable Map<String, Quantity> limits,
            String resource) {
        Quantity q = requests == null ? null : requests.get(resource);
        return q != null || limits == null ? q : limits.get(resource);
    }

    static boolean accelerator(String resource) {
        return resource.startsWith("nvidia.com/") || resource.startsWith("amd.com/");
    }

    /// Why `pod` does not fit on `node`: the reasons the real scheduler prints, or none.
    static List<String> misfits(Pod pod, Map<String, Long> requests, Node node, Usage usage) {
        if (Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            return List.of("node(s) were unschedulable");
        }
        if (!NodeAffinities.matches(pod, node)) {
            return List.of("node(s) didn't match Pod's node affinity/selector");
        }
        Taint untolerated = untoleratedTaint(pod, node);
        if (untolerated != null) {
            return List.of("node(s) had untolerated taint {" + untolerated.getKey() + ": "
                    + Objects.requireNonNullElse(untolerated.getValue(), "") + "}");
        }
        Map<String, Quantity> allocatable = node.getStatus() == null || node.getStatus().getAllocatable() == null
                ? Map.of() : node.getStatus().getAllocatable();
        List<String> insufficient = new java.util.ArrayList<>();
        Quantity podSlots = allocatable.get("pods");
        if (podSlots != null && usage.pods + 1 > podSlots.getNumericalAmount().longValue()) {
            insufficient.add("Too many pods");
        }
        Map<String, Long> compute = allRequests(pod);
        for (String resource : List.of("cpu", "memory")) {
            Quantity have = allocatable.get(resource);
            long wanted = compute.getOrDefault(resource, 0L);
            if (have != null && wanted > 0 && wanted > units(resource, have) - usage.used.getOrDefault(resource, 0L)) {
                insufficient.add("Insufficient " + resource);
            }
        }
        requests.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Quantity have = allocatable.get(e.getKey());
            long free = (have == null ? 0 : have.getNumericalAmount().longValue()) - usage.used.getOrDefault(e.getKey(), 0L);
            if (e.getValue() > free) {
                insufficient.add("Insufficient " + e.getKey());
            }
        });
        return insufficient;
    }

    private static long units(String resource, Quantity q) {
        BigDecimal amount = q.getNumericalAmount();
        return ("cpu".equals(resource) ? amount.movePointRight(3) : amount).setScale(0, RoundingMode.FLOOR)
                .longValueExact();
    }

    /// How full the node is for this pod's resources (0 empty, 1 full): the scheduler prefers low.
    static double load(Map<String, Long> requests, Node node, Usage usage) {
        Map<String, Quantity> allocatable = node.getStatus() == null || node.getStatus().getAllocatable() == null
                ? Map.of() : node.getStatus().getAllocatable();
        if (requests.isEmpty()) {
            Quantity slots = allocatable.get("pods");
            return slots == null ? usage.pods : usage.pods / Math.max(1.0, slots.getNumericalAmount().doubleValue());
        }
        double load = 0;
        for (String resource : requests.keySet()) {
            Quantity have = allocatable.get(resource);
            double total = have == null ? 1 : Math.max(1, have.getNumericalAmount().doubleValue());
            load = Math.max(load, usage.used.getOrDefault(resource, 0L) / total);
        }
        return load;
    }

    private static @Nullable Taint untoleratedTaint(Pod pod, Node node) {
        List<Taint> taints = node.getSpec().getTaints();
        if (taints == null) {
            return null;
        }
        List<Toleration> tolerations = pod.getSpec().getTolerations() == null ? List.of() : pod.getSpec().getTolerations();
        for (Taint taint : taints) {
            boolean matters = "NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect());
            if (matters && tolerations.stream().noneMatch(t -> tolerates(t, taint))) {
                return taint;
            }
        }
        return null;
    }

    static boolean tolerates(Toleration t, Taint taint) {
        if (t.getEffect() != null && !t.getEffect().isEmpty() && !t.getEffect().equals(taint.getEffect())) {
            return false;
        }
        if (t.getKey() == null || t.getKey().isEmpty()) {
            return "Exists".equals(t.getOperator());
        }
        if (!t.getKey().equals(taint.getKey())) {
            return false;
        }
        return "Exists".equals(t.getOperator())
                || Objects.requireNonNullElse(t.getValue(), "").equals(Objects.requireNonNullElse(taint.getValue(), ""));
    }
}
