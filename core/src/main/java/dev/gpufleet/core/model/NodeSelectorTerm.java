package dev.gpufleet.core.model;

import java.util.List;
import java.util.Map;

/// One `nodeSelectorTerms` entry of required node affinity: its requirements all hold (AND).
/// As in Kubernetes, an empty term matches no node.
public record NodeSelectorTerm(List<NodeSelectorRequirement> requirements) {

    public NodeSelectorTerm {
        requirements = List.copyOf(requirements);
    }

    public boolean matches(String nodeName, Map<String, String> labels) {
        if (requirements.isEmpty()) {
            return false;
        }
        for (NodeSelectorRequirement requirement : requirements) {
            if (!requirement.matches(nodeName, labels)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return String.join(" and ", requirements.stream().map(NodeSelectorRequirement::toString).toList());
    }
}
