package dev.gpufleet.core.capacity;

import dev.gpufleet.core.model.OwnerRef;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/// The workload a pod belongs to, as people name it: a ReplicaSet's pods belong to the
/// Deployment whose name is the ReplicaSet's without its pod-template hash; Jobs, StatefulSets
/// and DaemonSets are themselves; a pod without an owner is its own workload.
public final class Workloads {

    /// The pod-template hash Kubernetes appends to a Deployment's ReplicaSet names: 1 to 10
    /// characters of its safe alphabet (no vowels, no 0, 1 or 3).
    private static final Pattern TEMPLATE_HASH = Pattern.compile("-[bcdfghjklmnpqrstvwxz2456789]{1,10}$");

    private Workloads() {
    }

    /// `Kind/name` of the pod's workload, e.g. `Deployment/llm-serve`, `Job/train-42`, `Pod/debug`.
    public static String of(@Nullable OwnerRef owner, String podName) {
        if (owner == null) {
            return "Pod/" + podName;
        }
        if ("ReplicaSet".equals(owner.kind())) {
            String name = owner.name();
            return TEMPLATE_HASH.matcher(name).find()
                    ? "Deployment/" + TEMPLATE_HASH.matcher(name).replaceFirst("")
                    : "ReplicaSet/" + name;
        }
        return owner.kind() + "/" + owner.name();
    }
}
