package dev.gpufleet.sim.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;

/// The Priority admission plugin for the built-in PriorityClasses: a pod created with
/// `priorityClassName` `system-node-critical` or `system-cluster-critical` and no `priority`
/// gets the class's value; a pod without a class keeps the `priority` it was sent (0 if none).
/// The scheduler's queue takes higher priorities first; there is no preemption.
public final class Priorities {

    /// The values of the PriorityClasses every cluster has.
    static final Map<String, Integer> BUILT_IN = Map.of("system-node-critical", 2_000_001_000,
            "system-cluster-critical", 2_000_000_000);

    private Priorities() {
    }

    /// Fills in `spec.priority` of a pod being created, as admission does.
    public static Pod admit(Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getPriority() != null) {
            return pod;
        }
        String className = pod.getSpec().getPriorityClassName();
        pod.getSpec().setPriority(className == null ? 0 : BUILT_IN.getOrDefault(className, 0));
        return pod;
    }
}
