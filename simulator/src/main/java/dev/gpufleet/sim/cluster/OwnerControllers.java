package dev.gpufleet.sim.cluster;

import dev.gpufleet.sim.fleet.Hash;
import dev.gpufleet.sim.fleet.Names;
import dev.gpufleet.sim.fleet.SimClock;
import dev.gpufleet.sim.objects.Times;
import dev.gpufleet.sim.store.ResourceStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/// The ReplicaSet, StatefulSet, Job and DaemonSet controllers, reduced to what an operator's
/// deletion or eviction sets off: when a pod they own is finally removed, they create its
/// replacement from the old pod's template (labels, annotations, owner, spec without the node).
///
/// - ReplicaSet: a new pod `<generateName><5 characters>`, the suffix deterministic per owner.
/// - StatefulSet: the same name, a new uid.
/// - Job: a new pod name, unless the removed pod had finished (Succeeded or Failed).
/// - DaemonSet: a new pod on the same node, only while that node is schedulable.
///
/// Replacements start `Pending` and go to the [PodScheduler]; a DaemonSet's is bound to its
/// node at once. Each creation is recorded as a `SuccessfulCreate` event on the owner.
final class OwnerControllers {

    private final SimulatedCluster cluster;
    private final SimClock clock;
    private final ClusterEvents events;
    private final PodScheduler scheduler;
    private final AtomicInteger created = new AtomicInteger();

    OwnerControllers(SimulatedCluster cluster, ClusterEvents events, PodScheduler scheduler) {
        this.cluster = cluster;
        this.clock = cluster.clock();
        this.events = events;
        this.scheduler = scheduler;
    }

    /// Reacts to the removal of `gone`: creates the pod its owner wants instead, if any.
    void podRemoved(Pod gone) {
        OwnerReference owner = controllerOf(gone);
        if (owner == null) {
            return;
        }
        HasMetadata ownerObject = ownerObject(gone.getMetadata().getNamespace(), owner);
        if (ownerObject == null) {
            return;
        }
        switch (owner.getKind()) {
            case "ReplicaSet" -> replace(gone, ownerObject, newName(gone, owner), false,
                    "replicaset-controller", null);
            case "StatefulSet" -> replace(gone, ownerObject, gone.getMetadata().getName(), false,
                    "statefulset-controller", "create Pod %s in StatefulSet " + owner.getName() + " successful");
            case "Job" -> {
                if (!PodTerminations.finished(gone)) {
                    replace(gone, ownerObject, newName(gone, owner), false, "job-controller", null);
                }
            }
            case "DaemonSet" -> {
                if (schedulable(gone.getSpec().getNodeName())) {
                    replace(gone, ownerObject, newName(gone, owner), true, "daemonset-controller", null);
                }
            }
            default -> {
                // Node (a static pod's mirror): the kubelet, not a controller, owns it.
            }
        }
    }

    private void replace(Pod gone, HasMetadata owner, String name, boolean keepNode, String component,
            @Nullable String messageFormat) {
        Instant now = clock.now();
        Pod pod = new PodBuilder().withMetadata(metadata(gone, name)).withSpec(spec(gone, keepNode)).build();
        pod = cluster.podRuns().admit(pod);
        Pod stored = cluster.pods().create(pod, Times.time(now));
        String message = messageFormat == null ? "Created pod: " + name : messageFormat.formatted(name);
        events.record(ClusterEvents.ref(owner), "Normal", "SuccessfulCreate", message, component, null, now);
        if (keepNode) {
            cluster.grants().grant(stored, stored.getSpec().getNodeName());
            cluster.podRuns().track(stored);
        } else {
            scheduler.enqueue(stored);
        }
    }

    private static ObjectMeta metadata(Pod gone, String name) {
        ObjectMeta old = gone.getMetadata();
        return new ObjectMetaBuilder().withName(name).withNamespace(old.getNamespace())
                .withGenerateName(old.getGenerateName())
                .withLabels(old.getLabels() == null ? null : Map.copyOf(old.getLabels()))
                .withAnnotations(old.getAnnotations() == null ? null : Map.copyOf(old.getAnnotations()))
                .withOwnerReferences(old.getOwnerReferences())
                .build();
    }

    private static PodSpec spec(Pod gone, boolean keepNode) {
        PodSpec spec = new PodSpecBuilder(gone.getSpec()).build();
        if (!keepNode) {
            spec.setNodeName(null);
        }
        return spec;
    }

    // <generateName><suffix>: deterministic per owner and creation count; a taken name moves on.
    private String newName(Pod gone, OwnerReference owner) {
        String prefix = gone.getMetadata().getGenerateName();
        if (prefix == null || prefix.isEmpty()) {
            prefix = owner.getName() + "-";
        }
        long ownerKey = Hash.salt(gone.getMetadata().getNamespace() + "/" + owner.getName());
        String namespace = gone.getMetadata().getNamespace();
        while (true) {
            String name = prefix + Names.suffix(cluster.fleet().seed(), ownerKey, 1_000 + created.getAndIncrement());
            if (cluster.pods().get(namespace, name) == null) {
                return name;
            }
        }
    }

    private boolean schedulable(@Nullable String nodeName) {
        if (nodeName == null) {
            return false;
        }
        Node node = cluster.nodes().get("", nodeName);
        return node != null && !Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    }

    private @Nullable HasMetadata ownerObject(String namespace, OwnerReference owner) {
        ResourceStore<?> store = switch (owner.getKind()) {
            case "ReplicaSet" -> cluster.store("apps", "v1", "replicasets");
            case "StatefulSet" -> cluster.store("apps", "v1", "statefulsets");
            case "DaemonSet" -> cluster.store("apps", "v1", "daemonsets");
            case "Job" -> cluster.store("batch", "v1", "jobs");
            default -> null;
        };
        return store == null ? null : store.get(namespace, owner.getName());
    }

    private static @Nullable OwnerReference controllerOf(Pod pod) {
        if (pod.getMetadata().getOwnerReferences() == null) {
            return null;
        }
        return pod.getMetadata().getOwnerReferences().stream()
                .filter(o -> Boolean.TRUE.equals(o.getController())).findFirst().orElse(null);
    }
}
