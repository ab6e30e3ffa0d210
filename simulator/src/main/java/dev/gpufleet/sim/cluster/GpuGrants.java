package dev.gpufleet.sim.cluster;

import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.MigLayout;
import dev.gpufleet.sim.fleet.Workload;
import dev.gpufleet.sim.metrics.SlotOccupants;
import dev.gpufleet.sim.objects.PodIdentity;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/// The device plugin's side of scheduling for pods placed since the simulation started: when
/// such a pod is bound to a node, it is given free GPUs (`nvidia.com/gpu`) or free MIG instances
/// of the profile it asks for (`nvidia.com/mig-<profile>`), lowest index first; a slot is free
/// when no seeded pod still holds it and no placed pod does. The grant ends when the pod is gone.
/// The dcgm-exporter reads the grants (as [SlotOccupants]) to label those GPUs with the pod.
final class GpuGrants implements SlotOccupants {

    private record Slot(int node, int gpu, int instance) {
    }

    private final Fleet fleet;
    private final PodIdentity identity;
    private final IntPredicate seededPodHolds;
    private final Map<Slot, Occupant> occupants = new ConcurrentHashMap<>();
    private final Map<String, List<Slot>> byUid = new ConcurrentHashMap<>();

    /// @param seededPodHolds whether seeded pod `index` is still on its GPUs
    GpuGrants(Fleet fleet, PodIdentity identity, IntPredicate seededPodHolds) {
        this.fleet = fleet;
        this.identity = identity;
        this.seededPodHolds = seededPodHolds;
    }

    /// Gives `pod`, just bound to `nodeName`, the GPUs and MIG instances it requests there.
    synchronized void grant(Pod pod, String nodeName) {
        int node = fleet.nodeIndex(nodeName);
        String uid = pod.getMetadata().getUid();
        if (node < 0 || fleet.amdNode(node) || uid == null || byUid.containsKey(uid)) {
            return;
        }
        Occupant occupant = new Occupant(pod.getSpec().getContainers().getFirst().getName(),
                pod.getMetadata().getNamespace(), pod.getMetadata().getName(), workloadOf(pod));
        List<Slot> given = new ArrayList<>();
        for (Map.Entry<String, Long> request : NodeFit.requests(pod).entrySet()) {
            long wanted = request.getValue();
            for (int g = 0; g < fleet.gpusPerNode() && wanted > 0; g++) {
                wanted -= take(node, g, request.getKey(), wanted, occupant, given);
            }
        }
        if (!given.isEmpty()) {
            byUid.put(uid, given);
        }
    }

    /// Frees what `gone` held.
    synchronized void release(Pod gone) {
        List<Slot> held = gone.getMetadata().getUid() == null ? null : byUid.remove(gone.getMetadata().getUid());
        if (held != null) {
            held.forEach(occupants::remove);
        }
    }

    @Override
    public @Nullable Occupant at(int node, int gpu, int instance) {
        return occupants.get(new Slot(node, gpu, instance));
    }

    // Takes up to `wanted` free slots of `resource` on one GPU; returns how many it took.
    private int take(int node, int gpu, String resource, long wanted, Occupant occupant, List<Slot> given) {
        MigLayout layout = fleet.migLayout(node, gpu);
        int took = 0;
        if (layout == null) {
            Slot whole = new Slot(node, gpu, -1);
            if ("nvidia.com/gpu".equals(resource) && free(whole)) {
                occupants.put(whole, occupant);
                given.add(whole);
                took = 1;
            }
            return took;
        }
        for (int i = 0; i < layout.instances() && took < wanted; i++) {
            Slot slot = new Slot(node, gpu, i);
            if (layout.profile(i).resourceName().equals(resource) && free(slot)) {
                occupants.put(slot, occupant);
                given.add(slot);
                took++;
            }
        }
        return took;
    }

    private boolean free(Slot slot) {
        int seeded = fleet.podOnSlot(slot.node(), slot.gpu(), slot.instance());
        return (seeded == Fleet.NO_POD || !seededPodHolds.test(seeded)) && !occupants.containsKey(slot);
    }

    // The fleet workload whose controller owns the pod: the same namespace and controller name.
    private @Nullable Workload workloadOf(Pod pod) {
        List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
        OwnerReference owner = owners == null ? null
                : owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).findFirst().orElse(null);
        if (owner == null) {
            return null;
        }
        for (Workload w : fleet.workloads()) {
            String controller = "ReplicaSet".equals(owner.getKind()) && w.kind().viaReplicaSet()
                    ? identity.replicaSetName(w) : w.name();
            if (w.namespace().equals(pod.getMetadata().getNamespace()) && controller.equals(owner.getName())) {
                return w;
            }
        }
        return null;
    }
}
