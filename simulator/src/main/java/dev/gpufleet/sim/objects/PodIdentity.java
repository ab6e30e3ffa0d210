package dev.gpufleet.sim.objects;

import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.Names;
import dev.gpufleet.sim.fleet.PodPlacements;
import dev.gpufleet.sim.fleet.Workload;
import dev.gpufleet.sim.fleet.WorkloadKind;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Map;
import java.util.TreeMap;

/// Names, labels and owners of pods and their controllers, named the way the Kubernetes
/// controllers name them (`<rs>-<hash>-<suffix>`, `<job>-<index>-<suffix>`, `<sts>-<ordinal>`).
public final class PodIdentity {

    /// Namespace of the AMD GPU Operator's DaemonSets.
    public static final String AMD_OPERATOR_NAMESPACE = "kube-amd-gpu";
    /// Name of the AMD operator's DeviceConfig, which prefixes its DaemonSets' names.
    public static final String AMD_DEVICE_CONFIG = "gpu-operator";

    private final Fleet fleet;
    private final Uids uids;

    public PodIdentity(Fleet fleet) {
        this.fleet = fleet;
        this.uids = new Uids(fleet.seed());
    }

    public String namespace(int pod) {
        return fleet.workload(fleet.pods().workload(pod)).namespace();
    }

    public String name(int pod) {
        PodPlacements pods = fleet.pods();
        Workload w = fleet.workload(pods.workload(pod));
        int ordinal = pods.ordinal(pod);
        String suffix = Names.suffix(fleet.seed(), w.id(), ordinal);
        return switch (w.kind()) {
            case TRAINING -> w.replicas() > 1 ? w.name() + "-" + ordinal + "-" + suffix : w.name() + "-" + suffix;
            case INFERENCE, SYSTEM -> replicaSetName(w) + "-" + suffix;
            case NOTEBOOK -> w.name() + "-" + ordinal;
            case DAEMON -> w.name() + "-" + suffix;
        };
    }

    /// The name of the ReplicaSet between a Deployment and its pods.
    public String replicaSetName(Workload w) {
        return w.name() + "-" + templateHash(w);
    }

    public String templateHash(Workload w) {
        return Names.templateHash(fleet.seed(), w.id());
    }

    /// The labels a controller selects its pods by.
    public Map<String, String> selectorLabels(Workload w) {
        Map<String, String> labels = new TreeMap<>();
        switch (w.kind()) {
            case TRAINING -> labels.put("batch.kubernetes.io/controller-uid", uids.controller("Job", w.id()));
            case DAEMON, SYSTEM -> {
                if (w.namespace().equals(AMD_OPERATOR_NAMESPACE)) {
                    // The AMD operator selects by component and by its DeviceConfig's name.
                    labels.put("app.kubernetes.io/name", w.name().substring(AMD_DEVICE_CONFIG.length() + 1));
                    labels.put("daemonset-name", AMD_DEVICE_CONFIG);
                } else {
                    labels.put(w.name().startsWith("kube-proxy") || w.name().equals("coredns") ? "k8s-app" : "app",
                            w.name().equals("coredns") ? "kube-dns" : w.name());
                }
            }
            case INFERENCE, NOTEBOOK -> labels.put("app", w.name());
        }
        return labels;
    }

    /// Labels of the pod template (selector labels plus the controller's own).
    public Map<String, String> templateLabels(Workload w) {
        Map<String, String> labels = selectorLabels(w);
        switch (w.kind()) {
            case TRAINING -> {
                labels.put("batch.kubernetes.io/job-name", w.name());
                labels.put("controller-uid", uids.controller("Job", w.id()));
                labels.put("job-name", w.name());
                labels.put("gpufleet.dev/team", w.namespace().equals("ml-research") ? "research" : "foundation");
            }
            case NOTEBOOK -> labels.put("gpufleet.dev/owner", w.name().substring("jupyter-".length()));
            case INFERENCE -> labels.put("gpufleet.dev/tier", w.migProfile() == null ? "online" : "batch");
            case DAEMON -> {
                if (w.namespace().equals("gpu-operator")) {
                    labels.put("app.kubernetes.io/managed-by", "gpu-operator");
                    labels.put("helm.sh/chart", "gpu-operator-v24.9.0");
                }
            }
            case SYSTEM -> {
                // selector labels are all a system deployment's pods carry
            }
        }
        return labels;
    }

    /// The full label set of one pod.
    public Map<String, String> podLabels(int pod) {
        PodPlacements pods = fleet.pods();
        Workload w = fleet.workload(pods.workload(pod));
        Map<String, String> labels = templateLabels(w);
        switch (w.kind()) {
            case TRAINING -> {
                if (w.replicas() > 1) {
                    labels.put("batch.kubernetes.io/job-completion-index", Integer.toString(pods.ordinal(pod)));
                }
            }
            case INFERENCE, SYSTEM -> labels.put("pod-template-hash", templateHash(w));
            case NOTEBOOK -> {
                labels.put("apps.kubernetes.io/pod-index", Integer.toString(pods.ordinal(pod)));
                labels.put("controller-revision-hash", w.name() + "-" + templateHash(w));
                labels.put("statefulset.kubernetes.io/pod-name", name(pod));
            }
            case DAEMON -> {
                labels.put("controller-revision-hash", templateHash(w));
                labels.put("pod-template-generation", "1");
            }
        }
        return labels;
    }

    /// The controller reference of a pod: Job, ReplicaSet, StatefulSet or DaemonSet.
    public OwnerReference owner(int pod) {
        Workload w = fleet.workload(fleet.pods().workload(pod));
        String kind = w.kind().viaReplicaSet() ? "ReplicaSet" : w.kind().controllerKind();
        String name = w.kind().viaReplicaSet() ? replicaSetName(w) : w.name();
        return controllerRef(w.kind() == WorkloadKind.TRAINING ? "batch/v1" : "apps/v1", kind, name,
                uids.controller(kind, w.id()));
    }

    static OwnerReference controllerRef(String apiVersion, String kind, String name, String uid) {
        return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(name).withUid(uid)
                .withController(true).withBlockOwnerDeletion(true).build();
    }
}
