package dev.gpufleet.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/// What the scheduler reads of a pod to choose its node, besides resources: its priority
/// (`spec.priority`, resolved from its PriorityClass; 0 when none), `nodeSelector`, tolerations,
/// and required node affinity (`requiredDuringSchedulingIgnoredDuringExecution`: the terms are
/// ORed, an empty list means no such affinity). Preferred affinity does not constrain and is not kept.
///
/// Records compare by value, so pods of one controller share one equal constraint set: planners
/// check it once per distinct set rather than once per pod.
public record PodScheduling(int priority, Map<String, String> nodeSelector, List<Toleration> tolerations,
        List<NodeSelectorTerm> requiredAffinity) {

    /// No priority and no constraints.
    public static final PodScheduling NONE = new PodScheduling(0, Map.of(), List.of(), List.of());

    public PodScheduling {
        nodeSelector = Map.copyOf(nodeSelector);
        tolerations = List.copyOf(tolerations);
        requiredAffinity = List.copyOf(requiredAffinity);
    }

    /// Whether the node's name and labels satisfy `nodeSelector` and required affinity.
    public boolean selects(String nodeName, Map<String, String> labels) {
        for (Map.Entry<String, String> wanted : nodeSelector.entrySet()) {
            if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
                return false;
            }
        }
        if (requiredAffinity.isEmpty()) {
            return true;
        }
        for (NodeSelectorTerm term : requiredAffinity) {
            if (term.matches(nodeName, labels)) {
                return true;
            }
        }
        return false;
    }

    /// Whether every taint that keeps pods off (`NoSchedule`, `NoExecute`) is tolerated;
    /// `PreferNoSchedule` only steers the scheduler.
    public boolean toleratesAll(List<Taint> taints) {
        for (Taint taint : taints) {
            if (blocksScheduling(taint) && !tolerates(taint)) {
                return false;
            }
        }
        return true;
    }

    /// The first taint that keeps this pod off, if any.
    public Optional<Taint> untolerated(List<Taint> taints) {
        return taints.stream().filter(t -> blocksScheduling(t) && !tolerates(t)).findFirst();
    }

    private boolean tolerates(Taint taint) {
        for (Toleration toleration : tolerations) {
            if (toleration.tolerates(taint)) {
                return true;
            }
        }
        return false;
    }

    private static boolean blocksScheduling(Taint taint) {
        return Objects.equals(taint.effect(), "NoSchedule") || Objects.equals(taint.effect(), "NoExecute");
    }
}
