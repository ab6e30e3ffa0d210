package dev.gpufleet.core.actions;

import dev.gpufleet.core.model.Taint;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// A change to one node's scheduling: cordon, uncordon, or add or remove a taint.
///
/// @param taint the taint added or removed; `null` for cordon and uncordon
public record NodeChange(Kind kind, @Nullable Taint taint) {

    /// The taint that tells the scheduler a node's GPUs are unhealthy.
    public static final Taint GPU_UNHEALTHY = new Taint("nvidia.com/gpu.health", "unhealthy", "NoSchedule");

    public enum Kind {
        CORDON("cordon"), UNCORDON("uncordon"), TAINT("taint"), UNTAINT("untaint");

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

    /// For menus and messages: `cordon`, `taint nvidia.com/gpu.health=unhealthy:NoSchedule`.
    public String describe() {
        return taint == null ? kind.verb() : kind.verb() + " " + taint;
    }
}
