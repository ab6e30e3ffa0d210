package dev.gpufleet.sim.cluster;

import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.SimClock;
import dev.gpufleet.sim.objects.Times;
import dev.gpufleet.sim.store.ResourceStore;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/// Pods created through the API, taken through the kubelet's lifecycle on the simulator clock.
///
/// A pod pinned with `spec.nodeName` to a simulated node is `Pending` (`ContainerCreating`)
/// when created, `Running` a second later (with the kubelet's `Pulled`, `Created` and
/// `Started` events), and a container that runs `nvidia-smi` exits 0 a second after that, so
/// the pod `Succeeded`. Other containers keep running. A pod without `spec.nodeName` is
/// `Pending` until the [PodScheduler] binds it.
public final class PodRuns {

    private static final long START_SECONDS = 1;
    private static final long FINISH_SECONDS = 2;

    private final Fleet fleet;
    private final SimClock clock;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();

    private record Run(String namespace, String name, int node, Instant created, boolean completes, int stage) {
    }

    PodRuns(Fleet fleet, SimClock clock) {
        this.fleet = fleet;
        this.clock = clock;
    }

    /// The pod as the API server stores it on create: a `Pending` status filled in.
    public Pod admit(Pod pod) {
        Instant now = clock.now();
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        int node = nodeName == null ? -1 : fleet.nodeIndex(nodeName);
        PodStatus status;
        if (nodeName == null || nodeName.isEmpty()) {
            // The scheduler writes PodScheduled when it has looked at the pod.
            status = new PodStatusBuilder().withPhase("Pending").withQosClass(qosClass(pod)).build();
        } else if (node < 0) {
            status = new PodStatusBuilder().withPhase("Pending").withQosClass(qosClass(pod)).build();
        } else {
            status = pendingOnNode(pod, node, now);
        }
        return new PodBuilder(pod).withStatus(status).build();
    }

    /// The QoS class the API server gives a pod: Guaranteed when every container's CPU and memory
    /// limits equal its requests, BestEffort when none asks for anything, else Burstable.
    static String qosClass(Pod pod) {
        boolean any = false;
        boolean guaranteed = true;
        for (Container c : pod.getSpec().getContainers()) {
            var r = c.getResources();
            var requests = r == null || r.getRequests() == null ? Map.<String, io.fabric8.kubernetes.api.model.Quantity>of() : r.getRequests();
            var limits = r == null || r.getLimits() == null ? Map.<String, io.fabric8.kubernetes.api.model.Quantity>of() : r.getLimits();
            any |= !requests.isEmpty() || !limits.isEmpty();
            for (String resource : List.of("cpu", "memory")) {
                guaranteed &= limits.get(resource) != null
                        && (requests.get(resource) == null || requests.get(resource).equals(limits.get(resource)));
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }

    /// Starts following a pod the store has just created.
    public void track(Pod pod) {
        String nodeName = pod.getSpec().getNodeName();
        int node = nodeName == null ? -1 : fleet.nodeIndex(nodeName);
        if (node >= 0) {
            String ns = pod.getMetadata().getNamespace();
            String name = pod.getMetadata().getName();
            runs.put(ns + "/" + name, new Run(ns, name, node, clock.now(), completes(pod), 0));
        }
    }

    /// Whether a pod's first container runs `nvidia-smi`, which exits when it has printed.
    public static boolean completes(Pod pod) {
        String command = commandLine(pod.getSpec().getContainers().getFirst());
        return command.contains("nvidia-smi") || command.contains("dcgmi");
    }

    /// The container's command and arguments joined by spaces.
    public static String commandLine(Container container) {
        List<String> words = new ArrayList<>();
        if (container.getCommand() != null) {
            words.addAll(container.getCommand());
        }
        if (container.getArgs() != null) {
            words.addAll(container.getArgs());
        }
        return String.join(" ", words);
    }

    /// Moves every followed pod on to where the clock says it is by now.
    public void advance(ResourceStore<Pod> pods, ResourceStore<Event> events) {
        advance(pods, events, namespace -> { });
    }

    /// Stops following a pod that was removed, so a new pod under its name starts afresh.
    public void forget(Pod pod) {
        String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        runs.computeIfPresent(key, (k, run) -> null);
    }

    /// As [#advance(ResourceStore, ResourceStore)], telling `changed` the namespace of each pod
    /// that changed phase.
    public void advance(ResourceStore<Pod> pods, ResourceStore<Event> events, Consumer<String> changed) {
        if (runs.isEmpty()) {
            return;
        }
        Instant now = clock.now();
        for (Run run : List.copyOf(runs.values())) {
            String key = run.namespace() + "/" + run.name();
            if (pods.get(run.namespace(), run.name()) == null) {
                runs.remove(key);
            } else if (run.stage() == 0 && !now.isBefore(run.created().plusSeconds(START_SECONDS))) {
                pods.update(run.namespace(), run.name(), p -> running(p, run, run.created().plusSeconds(START_SECONDS)));
                startupEvents(run, pods.require(run.namespace(), run.name()), events);
                runs.put(key, new Run(run.namespace(), run.name(), run.node(), run.created(), run.completes(), 1));
                changed.accept(run.namespace());
            } else if (run.stage() == 1 && run.completes()
                    && !now.isBefore(run.created().plusSeconds(FINISH_SECONDS))) {
                pods.update(run.namespace(), run.name(), p -> succeeded(p, run.created().plusSeconds(FINISH_SECONDS)));
                runs.remove(key);
                changed.accept(run.namespace());
            }
        }
    }

    private PodStatus pendingOnNode(Pod pod, int node, Instant now) {
        List<ContainerStatus> waiting = new ArrayList<>();
        for (Container c : pod.getSpec().getContainers()) {
            waiting.add(new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage()).withImageID("")
                    .withReady(false).withStarted(false).withRestartCount(0)
                    .withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting().endState().build());
        }
        PodCondition notReady = condition("Ready", "False", now);
        notReady.setReason("ContainersNotReady");
        notReady.setMessage("containers with unready status: [" + pod.getSpec().getContainers().getFirst().getName() + "]");
        return new PodStatusBuilder().withPhase("Pending")
                .withConditions(condition("PodReadyToStartContainers", "False", now), condition("Initialized", "True", now),
                        notReady, condition("ContainersReady", "False", now), condition("PodScheduled", "True", now))
                .withHostIP(fleet.nodeIp(node)).withHostIPs(new HostIP(fleet.nodeIp(node)))
                .withStartTime(Times.time(now)).withQosClass(qosClass(pod)).withContainerStatuses(waiting).build();
    }

    private Pod running(Pod pod, Run run, Instant at) {
        String podIp = fleet.podIp(run.node(), 200 + sequence.get() % 50);
        Pod next = new PodBuilder(pod).build();
        PodStatus status = next.getStatus();
        status.setPhase("Running");
        status.setPodIP(podIp);
        status.setPodIPs(List.of(new PodIP(podIp)));
        setCondition(status, "PodReadyToStartContainers", "True", at);
        setCondition(status, "Ready", "True", at);
        setCondition(status, "ContainersReady", "True", at);
        for (ContainerStatus c : status.getContainerStatuses()) {
            c.setReady(true);
            c.setStarted(true);
            c.setImageID(c.getImage() + "@sha256:" + UUID.nameUUIDFromBytes(c.getImage().getBytes()).toString().replace("-", ""));
            c.setContainerID("containerd://" + UUID.randomUUID().toString().replace("-", ""));
            c.setState(new io.fabric8.kubernetes.api.model.ContainerStateBuilder().withNewRunning(Times.time(at)).build());
        }
        return next;
    }

    private static Pod succeeded(Pod pod, Instant at) {
        Pod next = new PodBuilder(pod).build();
        PodStatus status = next.getStatus();
        status.setPhase("Succeeded");
        for (String type : List.of("PodReadyToStartContainers", "Ready", "ContainersReady")) {
            setCondition(status, type, "False", at);
        }
        status.getConditions().stream().filter(c -> !"PodReadyToStartContainers".equals(c.getType())
                && "False".equals(c.getStatus())).forEach(c -> c.setReason("PodCompleted"));
        for (ContainerStatus c : status.getContainerStatuses()) {
            String startedAt = c.getState().getRunning() == null ? Times.time(at) : c.getState().getRunning().getStartedAt();
            c.setReady(false);
            c.setStarted(false);
            c.setState(new io.fabric8.kubernetes.api.model.ContainerStateBuilder().withNewTerminated()
                    .withExitCode(0).withReason("Completed").withContainerID(c.getContainerID())
                    .withStartedAt(startedAt).withFinishedAt(Times.time(at)).endTerminated().build());
        }
        return next;
    }

    private void startupEvents(Run run, Pod pod, ResourceStore<Event> events) {
        Container c = pod.getSpec().getContainers().getFirst();
        String host = fleet.nodeName(run.node());
        String field = "spec.containers{" + c.getName() + "}";
        Instant at = run.created().plusSeconds(START_SECONDS);
        for (String[] e : new String[][] {
            {"Pulled", "Container image \"" + c.getImage() + "\" already present on machine"},
            {"Created", "Created container: " + c.getName()},
            {"Started", "Started container " + c.getName()}}) {
            events.create(event(pod, field, host, e[0], e[1], at), Times.time(at));
        }
    }

    private Event event(Pod pod, String field, String host, String reason, String message, Instant at) {
        return new EventBuilder()
                .withNewMetadata().withNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName() + "." + Long.toHexString(at.toEpochMilli() * 16 + sequence.incrementAndGet()))
                .endMetadata()
                .withNewInvolvedObject().withKind("Pod").withApiVersion("v1").withNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).withFieldPath(field)
                .endInvolvedObject()
                .withType("Normal").withReason(reason).withMessage(message)
                .withNewSource().withComponent("kubelet").withHost(host).endSource()
                .withReportingComponent("kubelet").withReportingInstance(host)
                .withCount(1).withFirstTimestamp(Times.time(at)).withLastTimestamp(Times.time(at))
                .build();
    }

    private static void setCondition(PodStatus status, String type, String value, Instant at) {
        for (PodCondition c : status.getConditions()) {
            if (type.equals(c.getType())) {
                c.setStatus(value);
                c.setLastTransitionTime(Times.time(at));
                c.setReason(null);
                c.setMessage(null);
            }
        }
    }

    private static PodCondition condition(String type, String status, Instant at) {
        return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(Times.time(at)).build();
    }

    /// The node index of a followed or finished pod's node, or -1.
    public int nodeOf(@Nullable String nodeName) {
        return nodeName == null ? -1 : fleet.nodeIndex(nodeName);
    }
}
