package dev.gpufleet.connectors.topology;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/// The pod that runs `nvidia-smi topo -m` on one node, and how to read its state.
///
/// Pinned with `spec.nodeName` (no scheduler involved), tolerating every taint so cordoned and
/// tainted GPU nodes can be probed too, on the `nvidia` runtime class with every GPU visible
/// but none requested (so it fits on a full node), never restarted, and bounded by
/// `activeDeadlineSeconds` in case nobody is left to delete it.
final class ProbePod {

    static final String LABEL_NAME = "app.kubernetes.io/name";
    static final String NAME = "gpufleet-topology-probe";
    static final String GENERATE_NAME = "gpufleet-topo-";
    private static final Set<String> STUCK = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "CreateContainerConfigError", "CreateContainerError", "RunContainerError");

    private ProbePod() {
    }

    static Pod build(String node, ProbeOptions options) {
        return new PodBuilder()
                .withNewMetadata().withGenerateName(GENERATE_NAME).withNamespace(options.namespace())
                    .addToLabels(LABEL_NAME, NAME).addToLabels("app.kubernetes.io/managed-by", "gpufleet")
                .endMetadata()
                .withNewSpec()
                    .withNodeName(node).withRestartPolicy("Never").withRuntimeClassName("nvidia")
                    .withAutomountServiceAccountToken(false)
                    .withActiveDeadlineSeconds(Math.max(1, options.timeout().toSeconds()))
                    .addNewToleration().withOperator("Exists").endToleration()
                    .addNewContainer().withName("nvidia-smi").withImage(options.image())
                        .withCommand("nvidia-smi", "topo", "-m")
                        .addNewEnv().withName("NVIDIA_VISIBLE_DEVICES").withValue("all").endEnv()
                    .endContainer()
                .endSpec()
                .build();
    }

    static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
    }

    /// Why a pending pod will not start by itself (image not pullable, unschedulable), or null.
    static @Nullable String stuckReason(Pod pod) {
        if (pod.getStatus() == null) {
            return null;
        }
        for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
            var waiting = status.getState() == null ? null : status.getState().getWaiting();
            if (waiting != null && STUCK.contains(waiting.getReason())) {
                return waiting.getReason() + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage());
            }
        }
        return null;
    }

    /// What the pod's state says, for a message: `Pending (ContainerCreating)`.
    static String describe(Pod pod) {
        StringBuilder text = new StringBuilder(phase(pod));
        if (pod.getStatus() != null) {
            for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
                var state = status.getState();
                if (state != null && state.getWaiting() != null) {
                    text.append(" (").append(state.getWaiting().getReason()).append(')');
                } else if (state != null && state.getTerminated() != null) {
                    text.append(" (exit code ").append(state.getTerminated().getExitCode())
                            .append(state.getTerminated().getReason() == null ? "" : ", " + state.getTerminated().getReason())
                            .append(')');
                }
            }
            for (PodCondition condition : pod.getStatus().getConditions()) {
                if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())) {
                    text.append(": ").append(condition.getMessage());
                }
            }
        }
        return text.toString();
    }
}
