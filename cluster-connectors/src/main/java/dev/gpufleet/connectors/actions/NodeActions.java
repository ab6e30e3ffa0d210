package dev.gpufleet.connectors.actions;

import dev.gpufleet.core.model.Taint;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/// Cordon, uncordon, taint, untaint and label one node, as `kubectl cordon|taint|label` do:
/// cordon is a strategic merge patch of `spec.unschedulable`; taints and labels are read,
/// changed and written back with the read resource version, so a concurrent change is a
/// conflict (409), never silently lost.
public final class NodeActions {

    private final KubernetesClient client;
    private final String context;

    public NodeActions(KubernetesClient client, String context) {
        this.client = client;
        this.context = context;
    }

    /// Marks `node` unschedulable; returns whether it was schedulable before.
    public boolean cordon(String node) throws ActionException {
        return setUnschedulable(node, true);
    }

    /// Marks `node` schedulable again; returns whether it was cordoned before.
    public boolean uncordon(String node) throws ActionException {
        return setUnschedulable(node, false);
    }

    /// Whether `node` is cordoned now.
    public boolean isCordoned(String node) throws ActionException {
        return Boolean.TRUE.equals(get(node).getSpec().getUnschedulable());
    }

    private boolean setUnschedulable(String node, boolean unschedulable) throws ActionException {
        boolean before = isCordoned(node);
        if (before == unschedulable) {
            return false;
        }
        try {
            client.nodes().withName(node).patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                    "{\"spec\":{\"unschedulable\":" + (unschedulable ? "true" : "null") + "}}");
            return true;
        } catch (KubernetesClientException failed) {
            throw problem(failed, node, "patch nodes", unschedulable ? "cordon" : "uncordon");
        }
    }

    /// Adds `taint` (replacing one with the same key and effect); returns whether anything changed.
    public boolean taint(String node, Taint taint) throws ActionException {
        return change(node, "taint", current -> {
            List<io.fabric8.kubernetes.api.model.Taint> taints = new ArrayList<>(taints(current));
            boolean same = taints.stream().anyMatch(t -> matches(t, taint) && Objects.equals(t.getValue(), taint.value()));
            if (same) {
                return null;
            }
            taints.removeIf(t -> matches(t, taint));
            taints.add(new io.fabric8.kubernetes.api.model.Taint(taint.effect(), taint.key(), null, taint.value()));
            return new NodeBuilder(current).editSpec().withTaints(taints).endSpec().build();
        });
    }

    /// Removes the taint with `key` and `effect`; returns whether there was one.
    public boolean untaint(String node, String key, String effect) throws ActionException {
        return change(node, "untaint", current -> {
            List<io.fabric8.kubernetes.api.model.Taint> taints = new ArrayList<>(taints(current));
            if (!taints.removeIf(t -> key.equals(t.getKey()) && effect.equals(t.getEffect()))) {
                return null;
            }
            return new NodeBuilder(current).editSpec().withTaints(taints).endSpec().build();
        });
    }

    /// Sets label `key` to `value`, or removes it when `value` is `null`; returns whether anything changed.
    public boolean label(String node, String key, String value) throws ActionException {
        return change(node, "label", current -> {
            String now = current.getMetadata().getLabels() == null ? null : current.getMetadata().getLabels().get(key);
            if (Objects.equals(now, value)) {
                return null;
            }
            NodeBuilder next = new NodeBuilder(current);
            if (value == null) {
                next.editMetadata().removeFromLabels(key).endMetadata();
            } else {
                next.editMetadata().addToLabels(key, value).endMetadata();
            }
            return next.build();
        });
    }

    /// Reads the node, lets `edit` return the changed node (or `null` for no change) and writes it.
    private boolean change(String node, String verb, UnaryOperator<Node> edit) throws ActionException {
        Node current = get(node);
        Node next = edit.apply(current);
        if (next == null) {
            return false;
        }
        try {
            client.nodes().resource(next).update();
            return true;
        } catch (KubernetesClientException failed) {
            throw problem(failed, node, "update nodes", verb);
        }
    }

    private Node get(String node) throws ActionException {
        Node found;
        try {
            found = client.nodes().withName(node).get();
        } catch (KubernetesClientException failed) {
            throw problem(failed, node, "get nodes", "read");
        }
        if (found == null) {
            throw new ActionException(404, "Node " + node + " was not found in context \"" + context
                    + "\". Check the name: kubectl get nodes.");
        }
        return found;
    }

    private static List<io.fabric8.kubernetes.api.model.Taint> taints(Node node) {
        return node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
    }

    private static boolean matches(io.fabric8.kubernetes.api.model.Taint existing, Taint wanted) {
        return wanted.key().equals(existing.getKey()) && wanted.effect().equals(existing.getEffect());
    }

    private ActionException problem(KubernetesClientException failed, String node, String permission, String verb) {
        return ApiErrors.explain(failed.getCode(), failed.getStatus() == null ? failed.getMessage()
                : failed.getStatus().getMessage(), "Could not " + verb + " node " + node, permission, context);
    }
}
