package dev.gpufleet.core.actions;

import dev.gpufleet.core.model.Taint;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// A change to one node: cordon, uncordon, add or remove a taint, or set or remove a label.
///
/// @param taint the taint added or removed; `null` for the other kinds
/// @param label the label set or removed; `null` for the other kinds
public record NodeChange(Kind kind, @Nullable Taint taint, @Nullable LabelEdit label) {

    /// The taint that tells the scheduler a node's GPUs are unhealthy.
    public static final Taint GPU_UNHEALTHY = new Taint("nvidia.com/gpu.health", "unhealthy", "NoSchedule");

    public enum Kind {
        CORDON("cordon"), UNCORDON("uncordon"), TAINT("taint"), UNTAINT("untaint"), LABEL("label");

        private final String verb;

        Kind(String verb) {
            this.verb = verb;
        }

        /// The audit log's action name and the command's name: `cordon`, `taint`…
        public String verb() {
            return verb;
        }
    }

    public NodeChange {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.TAINT || kind == Kind.UNTAINT) != (taint != null)) {
            throw new IllegalArgumentException(kind.verb() + (taint == null ? " needs a taint" : " takes no taint"));
        }
        if ((kind == Kind.LABEL) != (label != null)) {
            throw new IllegalArgumentException(kind.verb() + (label == null ? " needs a label" : " takes no label"));
        }
    }

    /// A cordon, uncordon, taint or untaint (no label).
    public NodeChange(Kind kind, @Nullable Taint taint) {
        this(kind, taint, null);
    }

    public static NodeChange cordon() {
        return new NodeChange(Kind.CORDON, null);
    }

    public static NodeChange uncordon() {
        return new NodeChange(Kind.UNCORDON, null);
    }

    public static NodeChange taint(Taint taint) {
        return new NodeChange(Kind.TAINT, taint);
    }

    public static NodeChange untaint(Taint taint) {
        return new NodeChange(Kind.UNTAINT, taint);
    }

    /// Sets or removes one label, as `kubectl label NODE key=value|key-`.
    public static NodeChange label(LabelEdit label) {
        return new NodeChange(Kind.LABEL, null, label);
    }

    /// For menus and messages: `cordon`, `taint nvidia.com/gpu.health=unhealthy:NoSchedule`, `label team=ml`.
    public String describe() {
        if (label != null) {
            return kind.verb() + " " + label;
        }
        return taint == null ? kind.verb() : kind.verb() + " " + taint;
    }
}
