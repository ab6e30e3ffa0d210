package dev.gpufleet.core.triage;

import dev.gpufleet.core.model.Health;

/// How bad a GPU or node is, from best to worst, so the worst of several wins. Also the
/// severity of one piece of [Evidence] (`HEALTHY` there means "for information").
public enum Verdict {
    /// Nothing calls for attention.
    HEALTHY,
    /// Something to keep an eye on: heat, corrected errors, an application-side XID, stale data.
    WATCH,
    /// Working, but with a fault that needs action at the next convenient moment.
    DEGRADED,
    /// Faulted: work on it fails or is at risk now.
    FAILING;

    public Verdict worst(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /// The heatmap's colour for this verdict: WATCH and DEGRADED both show as a warning.
    public Health health() {
        return switch (this) {
            case HEALTHY -> Health.HEALTHY;
            case WATCH, DEGRADED -> Health.WARNING;
            case FAILING -> Health.FAILING;
        };
    }

    /// Lower-case name for reports, e.g. `failing`.
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
