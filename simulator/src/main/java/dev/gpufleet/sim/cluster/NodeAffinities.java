package dev.gpufleet.sim.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// The scheduler's NodeAffinity filter: `spec.nodeSelector` and the required node affinity
/// (`requiredDuringSchedulingIgnoredDuringExecution`) must both match. The terms are ORed, the
/// requirements of one term ANDed; `matchExpressions` read the node's labels with `In`,
/// `NotIn`, `Exists`, `DoesNotExist`, `Gt` and `Lt` (integers), `matchFields` read
/// `metadata.name`. A term with no requirements matches no node, as in Kubernetes.
final class NodeAffinities {

    private NodeAffinities() {
    }

    /// Whether `node` is one the pod may run on by its selector and required affinity.
    static boolean matches(Pod pod, Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        Map<String, String> selector = pod.getSpec().getNodeSelector();
        if (selector != null && !selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        NodeSelector required = required(pod);
        if (required == null) {
            return true;
        }
        Map<String, String> fields = Map.of("metadata.name", node.getMetadata().getName());
        return required.getNodeSelectorTerms().stream().anyMatch(term -> termMatches(term, labels, fields));
    }

    private static @Nullable NodeSelector required(Pod pod) {
        var affinity = pod.getSpec().getAffinity();
        if (affinity == null || affinity.getNodeAffinity() == null) {
            return null;
        }
        return affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
    }

    private static boolean termMatches(NodeSelectorTerm term, Map<String, String> labels, Map<String, String> fields) {
        List<NodeSelectorRequirement> expressions = term.getMatchExpressions() == null ? List.of() : term.getMatchExpressions();
        List<NodeSelectorRequirement> fieldRules = term.getMatchFields() == null ? List.of() : term.getMatchFields();
        if (expressions.isEmpty() && fieldRules.isEmpty()) {
            return false;
        }
        return expressions.stream().allMatch(r -> requirementMatches(r, labels))
                && fieldRules.stream().allMatch(r -> requirementMatches(r, fields));
    }

    static boolean requirementMatches(NodeSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        return switch (requirement.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            case "Gt" -> compare(value, values) > 0;
            case "Lt" -> compare(value, values) < 0;
            default -> false;
        };
    }

    // Sign of label value minus the one given value, both integers; 0 (no match) when either is not.
    private static int compare(@Nullable String value, List<String> values) {
        if (value == null || values.size() != 1) {
            return 0;
        }
        try {
            return Long.compare(Long.parseLong(value), Long.parseLong(values.getFirst()));
        } catch (NumberFormatException notInteger) {
            return 0;
        }
    }
}
