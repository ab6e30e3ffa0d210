package dev.gpufleet.connectors.actions;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jspecify.annotations.Nullable;

/// Whether an evicted pod is gone yet: `kubectl drain` asks once a second; the drain asks after
/// 100 ms first and backs off to once a second ([NodeDrainer#FIRST_POLL]).
final class PodWatch {

    private final KubernetesClient client;

    PodWatch(KubernetesClient client) {
        this.client = client;
    }

    /// The uid of the pod now under `namespace/name`, or `null` when there is none. A failed
    /// read counts as "still there": the next poll asks again.
    @Nullable String currentUid(String namespace, String name, String lastKnownUid) {
        try {
            Pod pod = client.pods().inNamespace(namespace).withName(name).get();
            return pod == null ? null : pod.getMetadata().getUid();
        } catch (KubernetesClientException transientProblem) {
            return lastKnownUid;
        }
    }
}
