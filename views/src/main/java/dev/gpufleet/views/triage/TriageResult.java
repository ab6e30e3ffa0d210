package dev.gpufleet.views.triage;

import dev.gpufleet.core.triage.TriageReport;
import java.util.List;

/// A triage report and what limited it, e.g. events the user may not read.
///
/// @param report the verdict, evidence and context
/// @param notes  sentences for people about what the report had to do without; usually empty
public record TriageResult(TriageReport report, List<String> notes) {

    public TriageResult {
        notes = List.copyOf(notes);
    }

    public static TriageResult of(TriageReport report) {
        return new TriageResult(report, List.of());
    }
}
