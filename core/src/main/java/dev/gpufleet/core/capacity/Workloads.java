package dev.gpufleet.core.capacity;

import dev.gpufleet.core.model.OwnerRef;
import org.jspecify.annotations.Nullable;

/// The workload a pod belongs to, as people name it: a ReplicaSet's pods belong to the
/// Deployment whose name is the ReplicaSet's without its pod-template hash; Jobs, StatefulSets
/// and DaemonSets are themselves; a pod without an owner is its own workload.
public final class Workloads {

    /// The alphabet of the pod-template hash Kubernetes appends to a Deployment's ReplicaSet
    /// names (1 to 10 characters; no vowels, no 0, 1 or 3).
    private static final String HASH_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private Workloads() {
    }

    /// `Kind/name` of the pod's workload, e.g. `Deployment/llm-serve`, `Job/train-42`, `Pod/debug`.
    public static String of(@Nullable OwnerRef owner, String podName) {
        if (owner == null) {
            return "Pod/" + podName;
        }
        if ("ReplicaSet".equals(owner.kind())) {
            String name = owner.name();
            int dash = name.lastIndexOf('-');
            return dash > 0 && isTemplateHash(name, dash + 1)
                    ? "Deployment/" + name.substring(0, dash)
                    : "ReplicaSet/" + name;
        }
        return owner.kind() + "/" + owner.name();
    }

    private static boolean isTemplateHash(String name, int from) {
        int length = name.length() - from;
        if (length < 1 || length > 10) {
            return false;
        }
        for (int i = from; i < name.length(); i++) {
            if (HASH_ALPHABET.indexOf(name.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
