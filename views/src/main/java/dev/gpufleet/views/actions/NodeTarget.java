package dev.gpufleet.views.actions;

import java.util.Objects;

/// A node an action is aimed at, by cluster (kubeconfig context) and name.
public record NodeTarget(String context, String node) {

    public NodeTarget {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(node, "node");
    }

    @Override
    public String toString() {
        return context + "/" + node;
    }
}
