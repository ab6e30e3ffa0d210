package dev.gpufleet.core.triage;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/// One finding behind a verdict.
///
/// @param severity how bad this finding alone is ([Verdict#HEALTHY] for information only)
/// @param gpu      the GPU index it is about, or null for the node
/// @param what     what was found, for people
/// @param value    the reading behind it, e.g. `97 °C` or `3 times`
/// @param since    when it was first seen, when known
/// @param source   where it comes from
/// @param action   what this finding alone asks for
public record Evidence(
        Verdict severity,
        @Nullable Integer gpu,
        String what,
        String value,
        @Nullable Instant since,
        Source source,
        Action action) {

    /// Where a piece of evidence comes from.
    public enum Source {
        /// The newest exporter reading.
        TELEMETRY,
        /// XIDs gpufleet counted over time.
        XID_HISTORY,
        /// The Kubernetes Node: conditions, cordon.
        NODE,
        /// Kubernetes Events about the node.
        EVENTS;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /// The severity for reports: `info` for evidence that is only for information, else the
    /// verdict's label (`watch`, `degraded`, `failing`).
    public String severityLabel() {
        return severity == Verdict.HEALTHY ? "info" : severity.label();
    }

    /// This evidence about GPU `index`.
    public Evidence onGpu(int index) {
        return new Evidence(severity, index, what, value, since, source, action);
    }

    /// This evidence, first seen at `first`.
    public Evidence since(@Nullable Instant first) {
        return new Evidence(severity, gpu, what, value, first, source, action);
    }
}
