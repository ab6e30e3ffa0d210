package dev.gpufleet.sim.objects;

import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.GpuFault;
import dev.gpufleet.sim.fleet.Hash;
import dev.gpufleet.sim.fleet.Names;
import dev.gpufleet.sim.fleet.PodPlacements;
import dev.gpufleet.sim.fleet.Workload;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/// The events a cluster would still hold (they expire after an hour): XID and thermal warnings
/// on nodes with faulty GPUs, FailedScheduling for pending pods, and the Scheduled / Pulled /
/// Created / Started sequence of pods that started within the last hour.
public final class EventFactory {

    /// How long an Event lives after it was last written: kube-apiserver's `--event-ttl`
    /// (1 h by default). The cluster's retention expires Events after it too.
    public static final Duration EVENT_TTL = Duration.ofHours(1);
    private static final long EVENT_TTL_SECONDS = EVENT_TTL.toSeconds();
    private static final int MAX_POD_EVENT_PODS = 2_000;

    private final Fleet fleet;
    private final Instant start;
    private final Uids uids;
    private final PodIdentity identity;
    private final PodFactory pods;
    private final AtomicInteger sequence = new AtomicInteger();

    public EventFactory(Fleet fleet, Instant start, PodIdentity identity, PodFactory pods) {
        this.fleet = fleet;
        this.start = start;
        this.uids = new Uids(fleet.seed());
        this.identity = identity;
        this.pods = pods;
    }

    /// All events at the start of the simulation.
    public List<Event> initialEvents() {
        List<Event> events = new ArrayList<>();
        Map<Integer, GpuFault> faults = new TreeMap<>(fleet.faults());
        faults.forEach((gpu, fault) -> events.add(faultEvent(gpu / fleet.gpusPerNode(), gpu % fleet.gpusPerNode(), fault)));
        for (int node = 0; node < fleet.nodeCount(); node++) {
            if (fleet.initiallyCordoned(node)) {
                events.add(nodeEvent(node, "Normal", "NodeNotSchedulable", "node-controller",
                        "Node " + fleet.nodeName(node) + " status is now: NodeNotSchedulable", 1, 2_400));
            }
        }
        int recent = 0;
        PodPlacements placements = fleet.pods();
        for (int pod = 0; pod < placements.size(); pod++) {
            if (placements.node(pod) == PodPlacements.PENDING) {
                events.add(failedScheduling(pod));
            } else if (pods.ageSeconds(pod) < EVENT_TTL_SECONDS && recent++ < MAX_POD_EVENT_PODS) {
                events.addAll(startupEvents(pod));
            }
        }
        return events;
    }

    /// The event the node controller records when a node is cordoned or uncordoned.
    public Event schedulableChanged(int node, boolean unschedulable, Instant now) {
        String status = unschedulable ? "NodeNotSchedulable" : "NodeSchedulable";
        Event e = nodeEvent(node, "Normal", status, "node-controller",
                "Node " + fleet.nodeName(node) + " status is now: " + status, 1, 0);
        e.setFirstTimestamp(Times.time(now));
        e.setLastTimestamp(Times.time(now));
        e.getMetadata().setCreationTimestamp(Times.time(now));
        return e;
    }

    private Event faultEvent(int node, int gpu, GpuFault fault) {
        String pci = fleet.pool(node).model().pciBusId(gpu).substring(4, 14);
        if (fault == GpuFault.THERMAL) {
            return nodeEvent(node, "Warning", "GpuThermalThrottling", "kernel-monitor",
                    "GPU " + gpu + " (" + fleet.gpuUuid(node, gpu) + ") is clocked down by HW thermal slowdown at 93 C",
                    3 + gpu, 3_000);
        }
        if (fault == GpuFault.AMD_UNCORRECTABLE_ECC) {
            return nodeEvent(node, "Warning", "GpuRasError", "kernel-monitor",
                    "amdgpu " + fleet.pool(node).model().pciBusId(gpu).substring(4).toLowerCase(java.util.Locale.ROOT)
                            + ": " + fault.message(), 2, 2_700);
        }
        int pid = 4_000 + Hash.below(Hash.of(fleet.seed(), Hash.salt("pid"), node, gpu), 60_000);
        return nodeEvent(node, "Warning", "XidError", "kernel-monitor",
                "NVRM: Xid (PCI:" + pci + "): " + fault.xid() + ", pid=" + pid + ", name=python3, " + fault.message(),
                1 + Hash.below(Hash.of(fleet.seed(), Hash.salt("count"), node, gpu), 4), 3_300);
    }

    private Event nodeEvent(int node, String type, String reason, String component, String message, int count,
            int firstAgo) {
        String name = fleet.nodeName(node);
        ObjectReference involved = new ObjectReferenceBuilder().withKind("Node").withName(name)
                .withUid(uids.node(node)).withApiVersion("v1").build();
        return event("default", name, involved, type, reason, component, name, message, count, firstAgo,
                firstAgo / 3);
    }

    private Event failedScheduling(int pod) {
        Workload w = fleet.workload(fleet.pods().workload(pod));
        String resource = w.gpuResource() == null ? "cpu" : w.gpuResource();
        int n = fleet.nodeCount();
        String message = "0/" + n + " nodes are available: " + n + " Insufficient " + resource
                + ". preemption: 0/" + n + " nodes are available: " + n
                + " No preemption victims found for incoming pod.";
        long age = Math.min(pods.ageSeconds(pod), EVENT_TTL_SECONDS - 60);
        int count = (int) Math.max(1, age / 300);
        return event(w.namespace(), identity.name(pod), podRef(pod, null), "Warning", "FailedScheduling",
                "default-scheduler", null, message, count, (int) age, 37);
    }

    private List<Event> startupEvents(int pod) {
        Workload w = fleet.workload(fleet.pods().workload(pod));
        String node = fleet.nodeName(fleet.pods().node(pod));
        String name = identity.name(pod);
        int age = (int) pods.ageSeconds(pod);
        String field = "spec.containers{" + w.container() + "}";
        return List.of(
                event(w.namespace(), name, podRef(pod, null), "Normal", "Scheduled", "default-scheduler", null,
                        "Successfully assigned " + w.namespace() + "/" + name + " to " + node, 1, age, age),
                event(w.namespace(), name, podRef(pod, field), "Normal", "Pulled", "kubelet", node,
                        "Container image \"" + w.image() + "\" already present on machine", 1, age - 2, age - 2),
                event(w.namespace(), name, podRef(pod, field), "Normal", "Created", "kubelet", node,
                        "Created container: " + w.container(), 1, age - 2, age - 2),
                event(w.namespace(), name, podRef(pod, field), "Normal", "Started", "kubelet", node,
                        "Started container " + w.container(), 1, age - 3, age - 3));
    }

    private ObjectReference podRef(int pod, String fieldPath) {
        return new ObjectReferenceBuilder().withKind("Pod").withNamespace(identity.namespace(pod))
                .withName(identity.name(pod)).withUid(uids.pod(pod)).withApiVersion("v1")
                .withFieldPath(fieldPath).build();
    }

    private Event event(String namespace, String involvedName, ObjectReference involved, String type, String reason,
            String component, String host, String message, int count, int firstAgo, int lastAgo) {
        int seq = sequence.getAndIncrement();
        Instant first = start.minusSeconds(Math.max(0, firstAgo));
        Instant last = start.minusSeconds(Math.max(0, lastAgo));
        return new EventBuilder()
                .withNewMetadata()
                    .withName(involvedName + "." + Names.hex(fleet.seed(), "event", seq, 16))
                    .withNamespace(namespace).withUid(uids.other("Event", seq))
                    .withCreationTimestamp(Times.time(first))
                .endMetadata()
                .withInvolvedObject(involved).withType(type).withReason(reason).withMessage(message)
                .withNewSource().withComponent(component).withHost(host).endSource()
                .withReportingComponent(component).withReportingInstance(host == null ? "" : host)
                .withCount(count).withFirstTimestamp(Times.time(first)).withLastTimestamp(Times.time(last))
                .build();
    }
}
