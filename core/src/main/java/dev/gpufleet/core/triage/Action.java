package dev.gpufleet.core.triage;

/// What an operator should do, from least to most disruptive, so the strongest of several wins.
public enum Action {
    /// Nothing to do.
    NONE("nothing to do"),
    /// Keep watching; look again if it repeats or grows.
    WATCH("keep watching; look again if it repeats or grows"),
    /// Move the GPU's work off and reset the GPU (nvidia-smi -r or a node reboot).
    RESET("reset the GPU once its pods are moved off"),
    /// Cordon and drain the node, then reboot it and check the hardware.
    DRAIN("drain the node, then reboot it and check the hardware"),
    /// Take the GPU out of service and have it replaced (RMA).
    REPLACE("replace the GPU (RMA)");

    private final String description;

    Action(String description) {
        this.description = description;
    }

    public Action strongest(Action other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /// A short instruction for people.
    public String description() {
        return description;
    }

    /// Lower-case name for reports, e.g. `drain`.
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
