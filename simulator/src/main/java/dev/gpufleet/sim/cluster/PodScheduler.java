package dev.gpufleet.sim.cluster;

import dev.gpufleet.sim.fleet.SimClock;
import dev.gpufleet.sim.objects.Times;
import dev.gpufleet.sim.store.ResourceStore;
import dev.gpufleet.sim.store.Selection;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/// A small default-scheduler for the pods the simulated controllers create and for pods
/// created through the API without `spec.nodeName` (the fleet's initial Pending pods are left
/// as they are, unless the fleet packs). On each tick it binds every due pod to the least-loaded
/// node (the fullest, when [dev.gpufleet.sim.fleet.Fleet#schedulerPacks()], as kube-scheduler's
/// `MostAllocated` scoring does) that is schedulable, whose NoSchedule/NoExecute taints the pod tolerates and that has room for the
/// pod's accelerator requests beside the pods already bound there; ties go to the first name.
///
/// A bound pod gets a `Scheduled` event and runs through [PodRuns]. A pod that fits nowhere
/// gets `PodScheduled=False`, reason `Unschedulable`, with the real scheduler's message
/// (`0/68 nodes are available: 1 node(s) were unschedulable, 67 Insufficient nvidia.com/gpu.`),
/// and one `FailedScheduling` warning per distinct message. It is tried again after 1 s, then
/// after twice as long each time up to 30 s, and at once when a node's schedulability changes
/// or a pod goes (the events that let the real scheduler's unschedulable queue move).
final class PodScheduler {

    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private final SimulatedCluster cluster;
    private final SimClock clock;
    private final ClusterEvents events;
    private final Map<String, Waiting> queue = new ConcurrentHashMap<>();

    private record Waiting(String namespace, String name, Instant due, Duration backoff, @Nullable String lastMessage) {
    }

    PodScheduler(SimulatedCluster cluster, ClusterEvents events) {
        this.cluster = cluster;
        this.clock = cluster.clock();
        this.events = events;
    }

    /// Queues a pod that has no node yet.
    void enqueue(Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        queue.put(ns + "/" + name, new Waiting(ns, name, clock.now(), FIRST_RETRY, null));
    }

    /// Something that may let waiting pods fit happened: try them all on the next tick.
    void clusterChanged() {
        Instant now = clock.now();
        queue.replaceAll((key, w) -> new Waiting(w.namespace(), w.name(), now, FIRST_RETRY, w.lastMessage()));
    }

    /// Whether pods wait to be scheduled.
    boolean idle() {
        return queue.isEmpty();
    }

    /// Tries every due pod once.
    synchronized void advance() {
        Instant now = clock.now();
        List<Waiting> due = queue.values().stream().filter(w -> !now.isBefore(w.due()))
                .sorted(java.util.Comparator.comparing(w -> w.namespace() + "/" + w.name())).toList();
        due = byPriority(due);
        if (due.isEmpty()) {
            return;
        }
        List<Node> nodes = new ArrayList<>();
        cluster.nodes().list(null, Selection.everything(), 0, null, nodes::add);
        Map<String, NodeFit.Usage> usage = usage();
        for (Waiting w : due) {
            String key = w.namespace() + "/" + w.name();
            Pod pod = cluster.pods().get(w.namespace(), w.name());
            if (pod == null || pod.getMetadata().getDeletionTimestamp() != null || bound(pod)) {
                queue.remove(key);
                continue;
            }
            schedule(key, w, pod, nodes, usage, now);
        }
    }

    // The scheduling queue's order: higher `spec.priority` first, then by namespace and name.
    private List<Waiting> byPriority(List<Waiting> due) {
        Map<Waiting, Integer> priority = new HashMap<>();
        for (Waiting w : due) {
            Pod pod = cluster.pods().get(w.namespace(), w.name());
            Integer p = pod == null || pod.getSpec() == null ? null : pod.getSpec().getPriority();
            priority.put(w, p == null ? 0 : p);
        }
        return due.stream().sorted(java.util.Comparator.comparing((Waiting w) -> -(long) priority.get(w))).toList();
    }

    private void schedule(String key, Waiting w, Pod pod, List<Node> nodes, Map<String, NodeFit.Usage> usage,
            Instant now) {
        Map<String, Long> requests = NodeFit.requests(pod);
        Map<String, Integer> reasons = new TreeMap<>();
        Node best = null;
        boolean packs = cluster.fleet().schedulerPacks();
        double bestLoad = packs ? -1 : Double.MAX_VALUE;
        for (Node node : nodes) {
            NodeFit.Usage used = usage.computeIfAbsent(node.getMetadata().getName(), n -> new NodeFit.Usage());
            List<String> misfits = NodeFit.misfits(pod, requests, node, used);
            if (misfits.isEmpty()) {
                double load = NodeFit.load(requests, node, used);
                if (packs ? load > bestLoad : load < bestLoad) {
                    best = node;
                    bestLoad = load;
                }
            } else {
                misfits.forEach(r -> reasons.merge(r, 1, Integer::sum));
            }
        }
        if (best != null) {
            queue.remove(key);
            bind(pod, best.getMetadata().getName(), now);
            usage.get(best.getMetadata().getName()).add(NodeFit.allRequests(pod));
        } else {
            String message = message(nodes.size(), reasons);
            if (!message.equals(w.lastMessage())) {
                unschedulable(pod, message, now);
            }
            Duration next = w.backoff().multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY
                    : w.backoff().multipliedBy(2);
            queue.put(key, new Waiting(w.namespace(), w.name(), now.plus(w.backoff()), next, message));
        }
    }

    private void bind(Pod pod, String node, Instant now) {
        ResourceStore<Pod> pods = cluster.pods();
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        Pod bound = pods.update(ns, name, current -> {
            Pod next = new PodBuilder(current).build();
            next.getSpec().setNodeName(node);
            return cluster.podRuns().admit(next);
        });
        cluster.grants().grant(bound, node);
        events.record(ClusterEvents.ref(bound), "Normal", "Scheduled",
                "Successfully assigned " + ns + "/" + name + " to " + node, "default-scheduler", null, now);
        cluster.podRuns().track(bound);
    }

    private void unschedulable(Pod pod, String message, Instant now) {
        Pod updated = cluster.pods().update(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), current -> {
            Pod next = new PodBuilder(current).build();
            PodStatus status = next.getStatus();
            List<PodCondition> conditions = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
            conditions.removeIf(c -> "PodScheduled".equals(c.getType()));
            conditions.add(new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                    .withReason("Unschedulable").withMessage(message).withLastTransitionTime(Times.time(now)).build());
            status.setConditions(conditions);
            return next;
        });
        events.record(ClusterEvents.ref(updated), "Warning", "FailedScheduling", message, "default-scheduler", null, now);
    }

    static String message(int nodeCount, Map<String, Integer> reasons) {
        StringBuilder text = new StringBuilder("0/" + nodeCount + " nodes are available: ");
        List<String> parts = new ArrayList<>();
        reasons.forEach((reason, count) -> parts.add(count + " " + reason));
        parts.sort(null);
        text.append(String.join(", ", parts)).append('.');
        return text.toString();
    }

    // What is bound to each node now: pods that have not finished, terminating ones included.
    private Map<String, NodeFit.Usage> usage() {
        Map<String, NodeFit.Usage> usage = new HashMap<>();
        cluster.pods().list(null, Selection.everything(), 0, null, pod -> {
            if (bound(pod) && !PodTerminations.finished(pod)) {
                usage.computeIfAbsent(pod.getSpec().getNodeName(), n -> new NodeFit.Usage()).add(NodeFit.allRequests(pod));
            }
        });
        return usage;
    }

    private static boolean bound(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
    }
}
