package dev.gpufleet.connectors.actions;

import dev.gpufleet.core.drain.BudgetStatus;
import dev.gpufleet.core.drain.DrainCandidate;
import dev.gpufleet.core.drain.GpuPlacement;
import dev.gpufleet.core.model.OwnerRef;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/// Reads what a drain plan needs, fresh from the API server: the node's pods as
/// [DrainCandidate]s and the PodDisruptionBudgets of their namespaces.
final class DrainCandidates {

    static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

    private final KubernetesClient client;
    private final String context;

    DrainCandidates(KubernetesClient client, String context) {
        this.client = client;
        this.context = context;
    }

    /// What was read: the candidates and the budgets that select any of them.
    record Read(List<DrainCandidate> candidates, List<BudgetStatus> budgets) {
    }

    Read read(String node, Function<String, List<GpuPlacement>> gpusOf) throws ActionException {
        List<Pod> pods = listPods(node);
        Set<String> namespaces = new TreeSet<>();
        pods.forEach(pod -> namespaces.add(pod.getMetadata().getNamespace()));
        List<PodDisruptionBudget> pdbs = new ArrayList<>();
        for (String namespace : namespaces) {
            pdbs.addAll(listBudgets(namespace));
        }
        List<DrainCandidate> candidates = new ArrayList<>(pods.size());
        for (Pod pod : pods) {
            List<String> budgets = pdbs.stream()
                    .filter(pdb -> pdb.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace()))
                    .filter(pdb -> selects(pdb.getSpec().getSelector(), pod.getMetadata().getLabels()))
                    .map(pdb -> pdb.getMetadata().getName()).toList();
            candidates.add(candidate(pod, budgets, gpusOf.apply(pod.getMetadata().getNamespace() + "/"
                    + pod.getMetadata().getName())));
        }
        List<BudgetStatus> budgets = pdbs.stream().map(DrainCandidates::status).toList();
        return new Read(candidates, budgets);
    }

    private List<Pod> listPods(String node) throws ActionException {
        try {
            return client.pods().inAnyNamespace().withField("spec.nodeName", node).list().getItems();
        } catch (KubernetesClientException failed) {
            throw ApiErrors.explain(failed.getCode(), failed.getMessage(), "Could not list the pods of node " + node,
                    "list pods in all namespaces", context);
        }
    }

    private List<PodDisruptionBudget> listBudgets(String namespace) throws ActionException {
        try {
            return client.policy().v1().podDisruptionBudget().inNamespace(namespace).list().getItems();
        } catch (KubernetesClientException failed) {
            throw ApiErrors.explain(failed.getCode(), failed.getMessage(),
                    "Could not list the PodDisruptionBudgets of namespace " + namespace,
                    "list poddisruptionbudgets (policy) in namespace " + namespace, context);
        }
    }

    static DrainCandidate candidate(Pod pod, List<String> budgets, List<GpuPlacement> gpus) {
        var meta = pod.getMetadata();
        Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
        boolean emptyDir = pod.getSpec() != null && pod.getSpec().getVolumes() != null
                && pod.getSpec().getVolumes().stream().anyMatch(volume -> volume.getEmptyDir() != null);
        String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Unknown" : pod.getStatus().getPhase();
        return new DrainCandidate(meta.getNamespace(), meta.getName(), meta.getUid() == null ? "" : meta.getUid(), phase,
                controller(meta.getOwnerReferences()), annotations.containsKey(MIRROR_ANNOTATION), emptyDir,
                meta.getDeletionTimestamp() != null, gpuRequests(pod), gpus, budgets);
    }

    private static @Nullable OwnerRef controller(List<OwnerReference> owners) {
        if (owners == null) {
            return null;
        }
        return owners.stream().filter(owner -> Boolean.TRUE.equals(owner.getController())).findFirst()
                .map(owner -> new OwnerRef(owner.getKind(), owner.getName())).orElse(null);
    }

    private static long gpuRequests(Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
            return 0;
        }
        long total = 0;
        for (var container : pod.getSpec().getContainers()) {
            var limits = container.getResources() == null ? null : container.getResources().getLimits();
            var requests = container.getResources() == null ? null : container.getResources().getRequests();
            var quantities = limits != null && !limits.isEmpty() ? limits : requests;
            if (quantities == null) {
                continue;
            }
            for (var entry : quantities.entrySet()) {
                if (entry.getKey().startsWith("nvidia.com/") || entry.getKey().startsWith("amd.com/gpu")) {
                    total += entry.getValue().getNumericalAmount().longValue();
                }
            }
        }
        return total;
    }

    /// policy/v1: an empty selector selects every pod of the namespace; a missing one none.
    static boolean selects(@Nullable LabelSelector selector, @Nullable Map<String, String> podLabels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> labels = podLabels == null ? Map.of() : podLabels;
        if (selector.getMatchLabels() != null) {
            for (var wanted : selector.getMatchLabels().entrySet()) {
                if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
                if (!holds(requirement, labels)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        return switch (requirement.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> labels.containsKey(requirement.getKey());
            case "DoesNotExist" -> !labels.containsKey(requirement.getKey());
            default -> false;
        };
    }

    static BudgetStatus status(PodDisruptionBudget pdb) {
        var status = pdb.getStatus();
        return new BudgetStatus(pdb.getMetadata().getNamespace(), pdb.getMetadata().getName(),
                status == null || status.getDisruptionsAllowed() == null ? 0 : status.getDisruptionsAllowed(),
                status == null || status.getCurrentHealthy() == null ? 0 : status.getCurrentHealthy(),
                status == null || status.getDesiredHealthy() == null ? 0 : status.getDesiredHealthy(),
                status == null || status.getExpectedPods() == null ? 0 : status.getExpectedPods());
    }
}
