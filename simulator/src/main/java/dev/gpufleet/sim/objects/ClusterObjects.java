package dev.gpufleet.sim.objects;

import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.Workload;
import dev.gpufleet.sim.fleet.WorkloadKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/// The small fixed objects around the workloads: namespaces, node leases and
/// PodDisruptionBudgets for the larger serving Deployments.
public final class ClusterObjects {

    /// The namespaces of the simulated cluster, with their age in days.
    public static final Map<String, Integer> NAMESPACES = namespaces();

    private final Fleet fleet;
    private final Instant start;
    private final Uids uids;
    private final PodIdentity identity;
    private final WorkloadFactory workloads;

    public ClusterObjects(Fleet fleet, Instant start, PodIdentity identity, WorkloadFactory workloads) {
        this.fleet = fleet;
        this.start = start;
        this.uids = new Uids(fleet.seed());
        this.identity = identity;
        this.workloads = workloads;
    }

    private static Map<String, Integer> namespaces() {
        Map<String, Integer> ns = new LinkedHashMap<>();
        ns.put("default", 240);
        ns.put("gpu-operator", 120);
        ns.put("inference", 95);
        ns.put(PodIdentity.AMD_OPERATOR_NAMESPACE, 90);
        ns.put("kube-node-lease", 240);
        ns.put("kube-public", 240);
        ns.put("kube-system", 240);
        ns.put("ml-research", 60);
        ns.put("ml-training", 200);
        ns.put("notebooks", 150);
        return Map.copyOf(ns);
    }

    /// The namespaces of `fleet`, sorted: the AMD operator's only where there are AMD nodes.
    public static List<String> namespaceNames(Fleet fleet) {
        boolean amd = fleet.pools().stream().anyMatch(p -> p.model().amd());
        return NAMESPACES.keySet().stream()
                .filter(ns -> amd || !ns.equals(PodIdentity.AMD_OPERATOR_NAMESPACE)).sorted().toList();
    }

    public Namespace namespace(String name, String rv) {
        return new NamespaceBuilder()
                .withNewMetadata().withName(name).withUid(uids.namespace(name)).withResourceVersion(rv)
                    .withCreationTimestamp(Times.time(start.minus(NAMESPACES.get(name), ChronoUnit.DAYS)))
                    .addToLabels("kubernetes.io/metadata.name", name)
                .endMetadata()
                .withNewSpec().withFinalizers("kubernetes").endSpec()
                .withNewStatus().withPhase("Active").endStatus()
                .build();
    }

    /// The node's heartbeat lease in `kube-node-lease`, renewed "just now".
    public GenericKubernetesResource lease(int node, String rv, Instant now) {
        String name = fleet.nodeName(node);
        GenericKubernetesResource lease = new GenericKubernetesResource();
        lease.setApiVersion("coordination.k8s.io/v1");
        lease.setKind("Lease");
        lease.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("kube-node-lease")
                .withUid(uids.other("Lease", node)).withResourceVersion(rv)
                .withCreationTimestamp(Times.time(start.minusSeconds(fleet.nodeAgeSeconds(node))))
                .withOwnerReferences(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder().withApiVersion("v1")
                        .withKind("Node").withName(name).withUid(uids.node(node)).build())
                .build());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("holderIdentity", name);
        spec.put("leaseDurationSeconds", 40);
        spec.put("renewTime", Times.microTime(now.truncatedTo(ChronoUnit.SECONDS).minusSeconds(now.getEpochSecond() % 10)));
        lease.setAdditionalProperty("spec", spec);
        return lease;
    }

    /// Workload ids of the Deployments that carry a PodDisruptionBudget: every serving
    /// Deployment with three or more replicas, and CoreDNS.
    public List<Integer> pdbWorkloads() {
        List<Integer> ids = new ArrayList<>();
        for (Workload w : fleet.workloads()) {
            if ((w.kind() == WorkloadKind.INFERENCE && w.replicas() >= 3) || w.name().equals("coredns")) {
                ids.add(w.id());
            }
        }
        return ids;
    }

    public PodDisruptionBudget pdb(Workload w, String rv) {
        boolean minAvailable = w.kind() == WorkloadKind.INFERENCE;
        int healthy = workloads.running(w.id());
        int desired = minAvailable ? w.replicas() - 1 : Math.max(0, w.replicas() - 1);
        int allowed = Math.max(0, healthy - desired);
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName(w.name() + "-pdb").withNamespace(w.namespace())
                    .withUid(uids.controller("PodDisruptionBudget", w.id())).withResourceVersion(rv).withGeneration(1L)
                    .withCreationTimestamp(Times.time(start.minusSeconds(w.ageSeconds())))
                .endMetadata()
                .withNewSpec()
                    .withMinAvailable(minAvailable ? new IntOrString(desired) : null)
                    .withMaxUnavailable(minAvailable ? null : new IntOrString(1))
                    .withNewSelector().withMatchLabels(identity.selectorLabels(w)).endSelector()
                .endSpec()
                .withNewStatus()
                    .withCurrentHealthy(healthy).withDesiredHealthy(desired).withDisruptionsAllowed(allowed)
                    .withExpectedPods(w.replicas()).withObservedGeneration(1L)
                    .addToConditions(new io.fabric8.kubernetes.api.model.ConditionBuilder().withType("DisruptionAllowed").withStatus(allowed > 0 ? "True" : "False")
                        .withReason(allowed > 0 ? "SufficientPods" : "InsufficientPods").withMessage("")
                        .withObservedGeneration(1L)
                        .withLastTransitionTime(Times.time(start.minusSeconds(w.ageSeconds() - 120))).build())
                .endStatus()
                .build();
    }
}
