package dev.gpufleet.connectors.cluster;

import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.Taint;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// Projects fabric8 objects into core records at the edge, so no fabric8 object (with its
/// managed fields, annotations and status history) outlives the event that brought it.
///
/// The records share what repeats ([Canonical]): a pod keeps its own name and creation time,
/// and shares its namespace, node name, phase, owner and GPU requests with its neighbours; a
/// node shares its label keys and values and its conditions' texts with the others.
final class Projections {

    private static final Canonical<OwnerRef> OWNERS = new Canonical<>(65_536);
    private static final Canonical<Map<String, Long>> GPU_REQUESTS = new Canonical<>(4_096);

    private Projections() {
    }

    static NodeRecord node(Node node) {
        ObjectMeta meta = node.getMetadata();
        var spec = node.getSpec();
        var status = node.getStatus();
        List<Taint> taints = new ArrayList<>();
        if (spec != null && spec.getTaints() != null) {
            for (var taint : spec.getTaints()) {
                taints.add(new Taint(Canonical.text(taint.getKey()), Canonical.nullableText(taint.getValue()),
                        Canonical.text(String.valueOf(taint.getEffect()))));
            }
        }
        boolean ready = false;
        Map<String, Long> gpus = Map.of();
        String kubelet = null;
        List<dev.gpufleet.core.model.NodeCondition> conditions = new ArrayList<>();
        if (status != null) {
            for (NodeCondition condition : listOrEmpty(status.getConditions())) {
                if ("Ready".equals(condition.getType())) {
                    ready = "True".equals(condition.getStatus());
                }
                if (condition.getType() != null && condition.getStatus() != null) {
                    conditions.add(new dev.gpufleet.core.model.NodeCondition(Canonical.text(condition.getType()),
                            Canonical.text(condition.getStatus()), Canonical.nullableText(condition.getReason()),
                            Canonical.nullableText(condition.getMessage()), instant(condition.getLastTransitionTime())));
                }
            }
            gpus = GPU_REQUESTS.of(gpuResources(status.getAllocatable()));
            kubelet = status.getNodeInfo() == null ? null : Canonical.nullableText(status.getNodeInfo().getKubeletVersion());
        }
        return new NodeRecord(Canonical.text(meta.getName()), Canonical.texts(meta.getLabels()),
                spec != null && Boolean.TRUE.equals(spec.getUnschedulable()), ready, taints, gpus, kubelet,
                instant(meta.getCreationTimestamp()), conditions);
    }

    static PodRecord pod(Pod pod) {
        ObjectMeta meta = pod.getMetadata();
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null
                ? "Unknown" : pod.getStatus().getPhase();
        boolean emptyDir = pod.getSpec() != null
                && listOrEmpty(pod.getSpec().getVolumes()).stream().anyMatch(v -> v.getEmptyDir() != null);
        return new PodRecord(Canonical.text(meta.getNamespace()), meta.getName(),
                nodeName == null || nodeName.isEmpty() ? null : Canonical.text(nodeName), Canonical.text(phase),
                owner(meta), GPU_REQUESTS.of(gpuRequests(pod)), PodSchedulings.of(pod.getSpec()), emptyDir,
                instant(meta.getCreationTimestamp()));
    }

    /// Whether the pod's Ready condition is true.
    static boolean isReady(Pod pod) {
        if (pod.getStatus() == null) {
            return false;
        }
        for (PodCondition condition : listOrEmpty(pod.getStatus().getConditions())) {
            if ("Ready".equals(condition.getType())) {
                return "True".equals(condition.getStatus());
            }
        }
        return false;
    }

    /// `nvidia.com/gpu`, `nvidia.com/gpu.shared`, `nvidia.com/mig-1g.10gb`, `amd.com/gpu`.
    static boolean isGpuResource(String resource) {
        return resource.startsWith("nvidia.com/gpu") || resource.startsWith("nvidia.com/mig-")
                || resource.startsWith("amd.com/gpu");
    }

    private static @Nullable OwnerRef owner(ObjectMeta meta) {
        List<OwnerReference> owners = listOrEmpty(meta.getOwnerReferences());
        for (OwnerReference owner : owners) {
            if (Boolean.TRUE.equals(owner.getController())) {
                return OWNERS.of(new OwnerRef(Canonical.text(owner.getKind()), owner.getName()));
            }
        }
        return owners.isEmpty() ? null
                : OWNERS.of(new OwnerRef(Canonical.text(owners.getFirst().getKind()), owners.getFirst().getName()));
    }

    /// What the scheduler counts: the sum over containers, or the largest init container's
    /// request if that is more. Extended resources without a request use their limit.
    private static Map<String, Long> gpuRequests(Pod pod) {
        if (pod.getSpec() == null) {
            return Map.of();
        }
        Map<String, Long> total = new HashMap<>();
        for (Container container : listOrEmpty(pod.getSpec().getContainers())) {
            gpuResources(requestsOf(container)).forEach((k, v) -> total.merge(k, v, Long::sum));
        }
        for (Container init : listOrEmpty(pod.getSpec().getInitContainers())) {
            gpuResources(requestsOf(init)).forEach((k, v) -> total.merge(k, v, Math::max));
        }
        return Map.copyOf(total);
    }

    private static @Nullable Map<String, Quantity> requestsOf(Container container) {
        ResourceRequirements resources = container.getResources();
        if (resources == null) {
            return null;
        }
        Map<String, Quantity> requests = resources.getRequests();
        Map<String, Quantity> limits = resources.getLimits();
        if (limits == null || limits.isEmpty()) {
            return requests;
        }
        Map<String, Quantity> merged = new HashMap<>(limits);
        if (requests != null) {
            merged.putAll(requests);
        }
        return merged;
    }

    private static Map<String, Long> gpuResources(@Nullable Map<String, Quantity> quantities) {
        if (quantities == null || quantities.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> gpus = new HashMap<>();
        quantities.forEach((resource, quantity) -> {
            if (isGpuResource(resource) && quantity != null) {
                long count = count(quantity);
                if (count > 0) {
                    gpus.put(Canonical.text(resource), count);
                }
            }
        });
        return Map.copyOf(gpus);
    }

    private static long count(Quantity quantity) {
        try {
            return quantity.getNumericalAmount().setScale(0, RoundingMode.HALF_UP).longValueExact();
        } catch (ArithmeticException | NumberFormatException notACount) {
            return 0;
        }
    }

    private static @Nullable Instant instant(@Nullable String timestamp) {
        if (timestamp == null) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException malformed) {
            return null;
        }
    }

    private static <T> List<T> listOrEmpty(@Nullable List<T> list) {
        return list == null ? List.of() : list;
    }
}
