package dev.gpufleet.sim.cluster;

import dev.gpufleet.sim.objects.Times;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/// The node lifecycle controller's side of a kubelet that stops posting status and comes back:
/// the `Ready` condition goes `Unknown` (reason `NodeStatusUnknown`) and the
/// `node.kubernetes.io/unreachable` taints (NoSchedule and NoExecute) are added; on return
/// `Ready` is `True` again (reason `KubeletReady`) and the taints go.
final class NodeReadiness {

    static final String UNREACHABLE_TAINT = "node.kubernetes.io/unreachable";

    private NodeReadiness() {
    }

    /// `current` as the controller leaves it once the node is `ready` or not at `now`.
    static Node changed(Node current, boolean ready, Instant now) {
        Node next = new NodeBuilder(current).build();
        String at = Times.time(now);
        List<NodeCondition> conditions = new ArrayList<>();
        for (NodeCondition c : next.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                conditions.add(new NodeConditionBuilder().withType("Ready").withStatus(ready ? "True" : "Unknown")
                        .withReason(ready ? "KubeletReady" : "NodeStatusUnknown")
                        .withMessage(ready ? "kubelet is posting ready status" : "Kubelet stopped posting node status.")
                        .withLastHeartbeatTime(at).withLastTransitionTime(at).build());
            } else {
                conditions.add(c);
            }
        }
        next.getStatus().setConditions(conditions);
        List<Taint> taints = new ArrayList<>(next.getSpec().getTaints() == null ? List.of() : next.getSpec().getTaints());
        taints.removeIf(t -> UNREACHABLE_TAINT.equals(t.getKey()));
        if (!ready) {
            taints.add(new Taint("NoSchedule", UNREACHABLE_TAINT, at, null));
            taints.add(new Taint("NoExecute", UNREACHABLE_TAINT, at, null));
        }
        next.getSpec().setTaints(taints);
        return next;
    }

    /// Whether the node's `Ready` condition is `True`.
    static boolean ready(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
