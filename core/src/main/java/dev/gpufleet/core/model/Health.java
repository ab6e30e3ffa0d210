package dev.gpufleet.core.model;

/// The health verdict of one GPU, ordered from best to worst so the worst of several wins.
public enum Health {
    /// Telemetry says nothing is wrong.
    HEALTHY,
    /// No telemetry: the state is not known, which is never the same as healthy or idle.
    UNKNOWN,
    /// Something to keep an eye on (high temperature, corrected errors, throttling).
    WARNING,
    /// Faulted: XID errors that need action, uncorrectable ECC, row-remap failure.
    FAILING;

    public Health worst(Health other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
