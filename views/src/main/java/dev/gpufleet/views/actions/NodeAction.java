package dev.gpufleet.views.actions;

import dev.gpufleet.core.actions.Capability;
import dev.gpufleet.core.actions.NodeChange;
import org.jspecify.annotations.Nullable;

/// The "Actions" menu's entries, each with the change it makes (none for label and drain, which
/// open their dialogs) and the permission it needs.
public enum NodeAction {
    CORDON("Cordon", NodeChange.cordon(), Capability.CHANGE_NODES),
    UNCORDON("Uncordon", NodeChange.uncordon(), Capability.CHANGE_NODES),
    TAINT_GPU_UNHEALTHY("Taint " + NodeChange.GPU_UNHEALTHY, NodeChange.taint(NodeChange.GPU_UNHEALTHY),
            Capability.CHANGE_NODES),
    UNTAINT_GPU_UNHEALTHY("Remove taint " + NodeChange.GPU_UNHEALTHY, NodeChange.untaint(NodeChange.GPU_UNHEALTHY),
            Capability.CHANGE_NODES),
    LABEL("Label…", null, Capability.CHANGE_NODES),
    DRAIN("Drain…", null, Capability.EVICT_PODS);

    private final String label;
    private final @Nullable NodeChange change;
    private final Capability capability;

    NodeAction(String label, @Nullable NodeChange change, Capability capability) {
        this.label = label;
        this.change = change;
        this.capability = capability;
    }

    public String label() {
        return label;
    }

    /// The change it applies to each node; `null` for [#LABEL] and [#DRAIN].
    public @Nullable NodeChange change() {
        return change;
    }

    public Capability capability() {
        return capability;
    }
}
