package dev.gpufleet.connectors.cluster;

import dev.gpufleet.core.model.NodeSelectorRequirement;
import dev.gpufleet.core.model.NodeSelectorTerm;
import dev.gpufleet.core.model.PodScheduling;
import dev.gpufleet.core.model.Toleration;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Projects what the scheduler reads of a pod spec (priority, nodeSelector, tolerations,
/// required node affinity) into [PodScheduling]. Pods of one controller have equal constraints,
/// so equal projections are shared: 100k pods keep a handful of these objects, not 100k.
final class PodSchedulings {

    private static final Logger LOG = LoggerFactory.getLogger(PodSchedulings.class);
    private static final int MAX_SHARED = 4096;
    private static final Map<PodScheduling, PodScheduling> SHARED = new ConcurrentHashMap<>();

    private PodSchedulings() {
    }

    static PodScheduling of(@Nullable PodSpec spec) {
        if (spec == null) {
            return PodScheduling.NONE;
        }
        int priority = spec.getPriority() == null ? 0 : spec.getPriority();
        Map<String, String> selector = spec.getNodeSelector() == null ? Map.of() : spec.getNodeSelector();
        List<Toleration> tolerations = new ArrayList<>();
        if (spec.getTolerations() != null) {
            for (var toleration : spec.getTolerations()) {
                addToleration(tolerations, toleration);
            }
        }
        PodScheduling scheduling = new PodScheduling(priority, selector, tolerations, requiredAffinity(spec.getAffinity()));
        if (scheduling.equals(PodScheduling.NONE)) {
            return PodScheduling.NONE;
        }
        PodScheduling shared = SHARED.get(scheduling);
        if (shared != null) {
            return shared;
        }
        if (SHARED.size() < MAX_SHARED) {
            SHARED.putIfAbsent(scheduling, scheduling);
        }
        return scheduling;
    }

    /// Adds the toleration; one with an unknown operator (the API server rejects such pods) is
    /// left out, so the pod tolerates less rather than more.
    private static void addToleration(List<Toleration> tolerations, io.fabric8.kubernetes.api.model.Toleration toleration) {
        try {
            tolerations.add(Toleration.of(toleration.getKey(), toleration.getOperator(), toleration.getValue(),
                    toleration.getEffect()));
        } catch (IllegalArgumentException unknownOperator) {
            LOG.warn("{}; the toleration of key {} is left out", unknownOperator.getMessage(), toleration.getKey());
        }
    }

    private static List<NodeSelectorTerm> requiredAffinity(@Nullable Affinity affinity) {
        if (affinity == null || affinity.getNodeAffinity() == null) {
            return List.of();
        }
        NodeSelector required = affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        if (required == null || required.getNodeSelectorTerms() == null) {
            return List.of();
        }
        List<NodeSelectorTerm> terms = new ArrayList<>();
        for (var term : required.getNodeSelectorTerms()) {
            List<NodeSelectorRequirement> requirements = new ArrayList<>();
            if (term.getMatchExpressions() != null) {
                term.getMatchExpressions().forEach(e -> requirements.add(requirement(e.getKey(), e.getOperator(), e.getValues())));
            }
            if (term.getMatchFields() != null) {
                term.getMatchFields().forEach(e -> requirements.add(requirement(e.getKey(), e.getOperator(), e.getValues())));
            }
            terms.add(new NodeSelectorTerm(requirements));
        }
        return terms;
    }

    /// An unknown operator matches no node (an `In` without values): a planner must not read a
    /// constraint it does not understand as no constraint.
    private static NodeSelectorRequirement requirement(@Nullable String key, @Nullable String operator,
            @Nullable List<String> values) {
        List<String> given = values == null ? List.of() : values;
        try {
            return new NodeSelectorRequirement(key == null ? "" : key,
                    NodeSelectorRequirement.Operator.of(String.valueOf(operator)), given);
        } catch (IllegalArgumentException unknownOperator) {
            LOG.warn("{}; the requirement on {} is read as matching no node", unknownOperator.getMessage(), key);
            return new NodeSelectorRequirement(key == null ? "" : key, NodeSelectorRequirement.Operator.IN, List.of());
        }
    }
}
