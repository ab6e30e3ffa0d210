package dev.gpufleet.core.model;

import java.util.Objects;

/// The controller that owns a pod: `kind` as Kubernetes spells it (`Job`, `ReplicaSet`,
/// `StatefulSet`, `DaemonSet`, `Node` for mirror pods) and the owner's name.
public record OwnerRef(String kind, String name) {

    public OwnerRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public boolean isDaemonSet() {
        return "DaemonSet".equals(kind);
    }
}
