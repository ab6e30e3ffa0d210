package dev.gpufleet.sim.objects;

import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.PodPlacements;
import dev.gpufleet.sim.fleet.Workload;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.Map;

/// Builds the controllers that own the simulated pods, with status counts that match the pods.
public final class WorkloadFactory {

    private final Fleet fleet;
    private final Instant start;
    private final Uids uids;
    private final PodIdentity identity;
    private final int[] running;
    private final int[] pending;

    public WorkloadFactory(Fleet fleet, Instant start, PodIdentity identity) {
        this.fleet = fleet;
        this.start = start;
        this.uids = new Uids(fleet.seed());
        this.identity = identity;
        this.running = new int[fleet.workloads().size()];
        this.pending = new int[fleet.workloads().size()];
        PodPlacements pods = fleet.pods();
        for (int p = 0; p < pods.size(); p++) {
            if (pods.node(p) == PodPlacements.PENDING) {
                pending[pods.workload(p)]++;
            } else {
                running[pods.workload(p)]++;
            }
        }
    }

    /// Running pods of a workload.
    public int running(int workload) {
        return running[workload];
    }

    public Job job(Workload w, String rv) {
        boolean indexed = w.replicas() > 1;
        return new JobBuilder()
                .withMetadata(meta(w, w.name(), "Job", rv, identity.templateLabels(w)))
                .withNewSpec()
                    .withParallelism(w.replicas()).withCompletions(w.replicas())
                    .withCompletionMode(indexed ? "Indexed" : "NonIndexed").withBackoffLimit(indexed ? 0 : 3)
                    .withManualSelector(false).withSuspend(false).withPodReplacementPolicy("TerminatingOrFailed")
                    .withSelector(selector(w)).withTemplate(template(w))
                .endSpec()
                .withNewStatus()
                    .withActive(running[w.id()] + pending[w.id()]).withReady(running[w.id()]).withTerminating(0)
                    .withStartTime(Times.time(created(w))).withNewUncountedTerminatedPods().endUncountedTerminatedPods()
                .endStatus()
                .build();
    }

    public Deployment deployment(Workload w, String rv) {
        int ready = running[w.id()];
        boolean available = ready >= Math.max(1, w.replicas() - 1);
        ObjectMeta meta = meta(w, w.name(), "Deployment", rv, identity.selectorLabels(w));
        meta.getAnnotations().put("deployment.kubernetes.io/revision", "1");
        return new DeploymentBuilder()
                .withMetadata(meta)
                .withNewSpec()
                    .withReplicas(w.replicas()).withSelector(selector(w)).withTemplate(template(w))
                    .withProgressDeadlineSeconds(600).withRevisionHistoryLimit(10)
                    .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                        .withNewMaxSurge("25%").withNewMaxUnavailable("25%").endRollingUpdate().endStrategy()
                .endSpec()
                .withNewStatus()
                    .withObservedGeneration(1L).withReplicas(w.replicas()).withUpdatedReplicas(w.replicas())
                    .withReadyReplicas(ready).withAvailableReplicas(ready)
                    .withUnavailableReplicas(w.replicas() - ready == 0 ? null : w.replicas() - ready)
                    .addNewCondition().withType("Available").withStatus(available ? "True" : "False")
                        .withReason(available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
                        .withMessage(available ? "Deployment has minimum availability."
                                : "Deployment does not have minimum availability.")
                        .withLastUpdateTime(Times.time(created(w).plusSeconds(90)))
                        .withLastTransitionTime(Times.time(created(w).plusSeconds(90))).endCondition()
                    .addNewCondition().withType("Progressing").withStatus("True").withReason("NewReplicaSetAvailable")
                        .withMessage("ReplicaSet \"" + identity.replicaSetName(w) + "\" has successfully progressed.")
                        .withLastUpdateTime(Times.time(created(w).plusSeconds(90)))
                        .withLastTransitionTime(Times.time(created(w))).endCondition()
                .endStatus()
                .build();
    }

    public ReplicaSet replicaSet(Workload w, String rv) {
        Map<String, String> labels = identity.selectorLabels(w);
        labels.put("pod-template-hash", identity.templateHash(w));
        ObjectMeta meta = meta(w, identity.replicaSetName(w), "ReplicaSet", rv, labels);
        meta.getAnnotations().put("deployment.kubernetes.io/desired-replicas", Integer.toString(w.replicas()));
        meta.getAnnotations().put("deployment.kubernetes.io/max-replicas", Integer.toString(w.replicas() + 1));
        meta.getAnnotations().put("deployment.kubernetes.io/revision", "1");
        meta.setOwnerReferences(java.util.List.of(PodIdentity.controllerRef("apps/v1", "Deployment", w.name(),
                uids.controller("Deployment", w.id()))));
        LabelSelector selector = selector(w);
        selector.getMatchLabels().put("pod-template-hash", identity.templateHash(w));
        PodTemplateSpec template = template(w);
        template.getMetadata().getLabels().put("pod-template-hash", identity.templateHash(w));
        int ready = running[w.id()];
        return new ReplicaSetBuilder()
                .withMetadata(meta)
                .withNewSpec().withReplicas(w.replicas()).withSelector(selector).withTemplate(template).endSpec()
                .withNewStatus().withReplicas(w.replicas()).withFullyLabeledReplicas(w.replicas())
                    .withReadyReplicas(ready).withAvailableReplicas(ready).withObservedGeneration(1L).endStatus()
                .build();
    }

    public StatefulSet statefulSet(Workload w, String rv) {
        int ready = running[w.id()];
        String revision = w.name() + "-" + identity.templateHash(w);
        return new StatefulSetBuilder()
                .withMetadata(meta(w, w.name(), "StatefulSet", rv, identity.selectorLabels(w)))
                .withNewSpec()
                    .withReplicas(w.replicas()).withServiceName(w.name()).withSelector(selector(w))
                    .withTemplate(template(w)).withPodManagementPolicy("OrderedReady").withRevisionHistoryLimit(10)
                    .withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate().withPartition(0)
                        .endRollingUpdate().endUpdateStrategy()
                .endSpec()
                .withNewStatus()
                    .withObservedGeneration(1L).withReplicas(w.replicas()).withReadyReplicas(ready)
                    .withCurrentReplicas(w.replicas()).withUpdatedReplicas(w.replicas()).withAvailableReplicas(ready)
                    .withCurrentRevision(revision).withUpdateRevision(revision).withCollisionCount(0)
                .endStatus()
                .build();
    }

    public DaemonSet daemonSet(Workload w, String rv) {
        int n = running[w.id()];
        PodTemplateSpec template = template(w);
        if (w.namespace().equals("gpu-operator")) {
            template.getSpec().setNodeSelector(Map.of("nvidia.com/gpu.deploy." + daemonComponent(w), "true"));
        } else if (w.namespace().equals(PodIdentity.AMD_OPERATOR_NAMESPACE)) {
            template.getSpec().setNodeSelector(Map.of("feature.node.kubernetes.io/amd-gpu", "true"));
        }
        return new DaemonSetBuilder()
                .withMetadata(meta(w, w.name(), "DaemonSet", rv, identity.selectorLabels(w)))
                .withNewSpec()
                    .withSelector(selector(w)).withTemplate(template).withRevisionHistoryLimit(10)
                    .withNewUpdateStrategy().withType("RollingUpdate").withNewRollingUpdate()
                        .withNewMaxUnavailable(1).withNewMaxSurge(0).endRollingUpdate().endUpdateStrategy()
                .endSpec()
                .withNewStatus()
                    .withCurrentNumberScheduled(n).withDesiredNumberScheduled(n).withNumberAvailable(n)
                    .withNumberMisscheduled(0).withNumberReady(n).withUpdatedNumberScheduled(n)
                    .withObservedGeneration(1L)
                .endStatus()
                .build();
    }

    private static String daemonComponent(Workload w) {
        return switch (w.name()) {
            case "nvidia-dcgm-exporter" -> "dcgm-exporter";
            case "nvidia-device-plugin-daemonset" -> "device-plugin";
            default -> w.name();
        };
    }

    private ObjectMeta meta(Workload w, String name, String kind, String rv, Map<String, String> labels) {
        return new ObjectMetaBuilder()
                .withName(name).withNamespace(w.namespace()).withUid(uids.controller(kind, w.id()))
                .withResourceVersion(rv).withGeneration(1L).withCreationTimestamp(Times.time(created(w)))
                .withLabels(labels).withAnnotations(new java.util.TreeMap<>())
                .build();
    }

    private LabelSelector selector(Workload w) {
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(identity.selectorLabels(w));
        return selector;
    }

    private PodTemplateSpec template(Workload w) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(identity.templateLabels(w)).endMetadata()
                .withNewSpec()
                    .withContainers(ContainerSpecs.container(w)).withTolerations(ContainerSpecs.tolerations(w))
                    .withVolumes(ContainerSpecs.volumes(w))
                    .withRestartPolicy(w.kind() == dev.gpufleet.sim.fleet.WorkloadKind.TRAINING ? "Never" : "Always")
                    .withSchedulerName("default-scheduler").withDnsPolicy("ClusterFirst")
                    .withTerminationGracePeriodSeconds(30L)
                .endSpec()
                .build();
    }

    private Instant created(Workload w) {
        return start.minusSeconds(w.ageSeconds());
    }
}
