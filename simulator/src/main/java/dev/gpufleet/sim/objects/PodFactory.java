package dev.gpufleet.sim.objects;

import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.Hash;
import dev.gpufleet.sim.fleet.Names;
import dev.gpufleet.sim.fleet.PodPlacements;
import dev.gpufleet.sim.fleet.Workload;
import dev.gpufleet.sim.fleet.WorkloadKind;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;

/// Builds the Pod object of a simulated pod from its compact placement: running pods with GPU
/// requests, owners, IPs and container statuses; pending pods the scheduler could not place.
public final class PodFactory {

    private final Fleet fleet;
    private final Instant start;
    private final Uids uids;
    private final PodIdentity identity;

    public PodFactory(Fleet fleet, Instant start, PodIdentity identity) {
        this.fleet = fleet;
        this.start = start;
        this.uids = new Uids(fleet.seed());
        this.identity = identity;
    }

    public Pod build(int pod, String resourceVersion) {
        Workload w = fleet.workload(fleet.pods().workload(pod));
        String name = identity.name(pod);
        Instant created = start.minusSeconds(ageSeconds(pod));
        return new PodBuilder()
                .withNewMetadata()
                    .withName(name).withNamespace(w.namespace()).withUid(uids.pod(pod))
                    .withResourceVersion(resourceVersion).withCreationTimestamp(Times.time(created))
                    .withGenerateName(w.kind() == WorkloadKind.NOTEBOOK ? null : name.substring(0, name.length() - 5))
                    .withLabels(identity.podLabels(pod)).withOwnerReferences(identity.owner(pod))
                .endMetadata()
                .withSpec(spec(pod, w))
                .withStatus(fleet.pods().node(pod) == PodPlacements.PENDING ? pendingStatus(w, created) : runningStatus(pod, w, created))
                .build();
    }

    /// How long before the simulation start the pod was created: never before its node joined;
    /// some serving replicas were replaced since their Deployment was made.
    public long ageSeconds(int pod) {
        PodPlacements pods = fleet.pods();
        Workload w = fleet.workload(pods.workload(pod));
        int node = pods.node(pod);
        long age = w.ageSeconds();
        double u = Hash.unit(Hash.of(fleet.seed(), Hash.salt("pod-age"), pod));
        if (node == PodPlacements.PENDING) {
            // Pending pods are recent: a scale-up or a job the scheduler cannot fit yet.
            return Math.min(age, 120 + (long) (u * 1_800));
        }
        age = Math.min(age, fleet.nodeAgeSeconds(node) - (w.kind() == WorkloadKind.DAEMON ? 35 : 600));
        if (w.kind() == WorkloadKind.INFERENCE && u < 0.35) {
            age = Math.max(180, (long) (age * u / 0.35));
        }
        return Math.max(30, age);
    }

    /// Container restarts so far: a few serving replicas and exporters restarted once or twice.
    public int restarts(int pod) {
        Workload w = fleet.workload(fleet.pods().workload(pod));
        double u = Hash.unit(Hash.of(fleet.seed(), Hash.salt("restarts"), pod));
        return switch (w.kind()) {
            case INFERENCE -> u < 0.12 ? 1 + (int) (u * 25) : 0;
            case DAEMON -> u < 0.04 ? 1 : 0;
            case NOTEBOOK -> u < 0.08 ? 1 : 0;
            case TRAINING, SYSTEM -> 0;
        };
    }

    private PodSpec spec(int pod, Workload w) {
        int node = fleet.pods().node(pod);
        boolean daemon = w.kind() == WorkloadKind.DAEMON;
        PodSpecBuilder spec = new PodSpecBuilder()
                .withContainers(ContainerSpecs.container(w))
                .withNodeName(node == PodPlacements.PENDING ? null : fleet.nodeName(node))
                .withRestartPolicy(w.kind() == WorkloadKind.TRAINING ? "Never" : "Always")
                .withSchedulerName("default-scheduler").withDnsPolicy("ClusterFirst").withEnableServiceLinks(true)
                .withServiceAccountName(daemon || w.kind() == WorkloadKind.SYSTEM ? w.name() : "default")
                .withServiceAccount(daemon || w.kind() == WorkloadKind.SYSTEM ? w.name() : "default")
                .withTerminationGracePeriodSeconds(w.kind() == WorkloadKind.TRAINING ? 120L : 30L)
                .withTolerations(ContainerSpecs.tolerations(w))
                .withVolumes(ContainerSpecs.volumes(w))
                .withPreemptionPolicy("PreemptLowerPriority")
                .withPriority(daemon || w.kind() == WorkloadKind.SYSTEM ? 2_000_001_000 : 0)
                .withPriorityClassName(daemon || w.kind() == WorkloadKind.SYSTEM ? "system-node-critical" : null)
                .withNewSecurityContext().endSecurityContext();
        if (w.name().equals("kube-proxy")) {
            spec.withHostNetwork(true);
        }
        if (w.kind() == WorkloadKind.NOTEBOOK) {
            spec.withHostname(identity.name(pod)).withSubdomain(w.name());
        }
        return spec.build();
    }

    private PodStatus pendingStatus(Workload w, Instant created) {
        String resource = w.gpuResource() == null ? "cpu" : w.gpuResource();
        int n = fleet.nodeCount();
        String message = "0/" + n + " nodes are available: " + n + " Insufficient " + resource
                + ". preemption: 0/" + n + " nodes are available: " + n + " No preemption victims found for incoming pod.";
        PodCondition scheduled = condition("PodScheduled", "False", Times.time(created));
        scheduled.setReason("Unschedulable");
        scheduled.setMessage(message);
        return new PodStatusBuilder().withPhase("Pending").withConditions(scheduled).withQosClass(qosClass(w)).build();
    }

    private PodStatus runningStatus(int pod, Workload w, Instant created) {
        int node = fleet.pods().node(pod);
        String podIp = w.name().equals("kube-proxy") ? fleet.nodeIp(node) : fleet.podIp(node, fleet.pods().nodeSlot(pod));
        String scheduled = Times.time(created.plusSeconds(1));
        String ready = Times.time(created.plusSeconds(w.kind() == WorkloadKind.INFERENCE ? 95 : 14));
        return new PodStatusBuilder()
                .withPhase("Running")
                .withConditions(condition("PodReadyToStartContainers", "True", Times.time(created.plusSeconds(4))),
                        condition("Initialized", "True", scheduled), condition("Ready", "True", ready),
                        condition("ContainersReady", "True", ready), condition("PodScheduled", "True", scheduled))
                .withHostIP(fleet.nodeIp(node)).withHostIPs(new io.fabric8.kubernetes.api.model.HostIP(fleet.nodeIp(node)))
                .withPodIP(podIp).withPodIPs(new PodIP(podIp))
                .withStartTime(scheduled).withQosClass(qosClass(w))
                .withContainerStatuses(containerStatus(pod, w, created))
                .build();
    }

    private ContainerStatus containerStatus(int pod, Workload w, Instant created) {
        int restarts = restarts(pod);
        Instant running = restarts == 0 ? created.plusSeconds(3) : start.minusSeconds(ageSeconds(pod) / 3);
        ContainerStatusBuilder status = new ContainerStatusBuilder()
                .withName(w.container()).withImage(w.image())
                .withImageID(w.image().replaceFirst(":.*", "") + "@sha256:" + Names.hex(fleet.seed(), w.image(), 0, 64))
                .withContainerID("containerd://" + Names.hex(fleet.seed(), "container", pod * 8L + restarts, 64))
                .withReady(true).withStarted(true).withRestartCount(restarts)
                .withNewState().withNewRunning(Times.time(running)).endState();
        if (restarts > 0) {
            boolean oom = w.kind() == WorkloadKind.INFERENCE;
            status.withNewLastState().withNewTerminated()
                    .withContainerID("containerd://" + Names.hex(fleet.seed(), "container", pod * 8L + restarts - 1, 64))
                    .withExitCode(oom ? 137 : 1).withReason(oom ? "OOMKilled" : "Error")
                    .withStartedAt(Times.time(created.plusSeconds(3))).withFinishedAt(Times.time(running.minusSeconds(2)))
                    .endTerminated().endLastState();
        }
        return status.build();
    }

    private static PodCondition condition(String type, String status, String transition) {
        PodCondition c = new PodCondition();
        c.setType(type);
        c.setStatus(status);
        c.setLastTransitionTime(transition);
        return c;
    }

    // Training pods set CPU and memory limits equal to requests; everything else is burstable.
    private static String qosClass(Workload w) {
        return w.kind() == WorkloadKind.TRAINING ? "Guaranteed" : "Burstable";
    }
}
