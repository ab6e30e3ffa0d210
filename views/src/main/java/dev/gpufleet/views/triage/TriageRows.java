package dev.gpufleet.views.triage;

import dev.gpufleet.core.model.NodeCondition;
import dev.gpufleet.core.triage.Evidence;
import dev.gpufleet.core.triage.NodeEvent;
import dev.gpufleet.core.triage.TriageReport;
import dev.gpufleet.core.triage.XidInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/// The rows of the triage panel's tables, as text ready to show.
public final class TriageRows {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private TriageRows() {
    }

    /// One finding: `severity` is `info`, `watch`, `degraded` or `failing`.
    public record EvidenceRow(String severity, String gpu, String what, String value, String since, String source) {

        static EvidenceRow of(Evidence evidence) {
            return new EvidenceRow(evidence.severityLabel(), evidence.gpu() == null ? "node" : "GPU " + evidence.gpu(),
                    evidence.what(), evidence.value(), time(evidence.since()), evidence.source().label());
        }
    }

    /// One XID code on one GPU; `meaning` is the catalog's title, or says the code is unknown;
    /// `detail` the catalog's explanation and advice, for a tooltip.
    public record XidRow(String gpu, int code, String meaning, String firstSeen, String lastSeen, int count,
            String detail) {

        static XidRow of(TriageReport.XidEntry entry) {
            XidInfo info = entry.info();
            String meaning = info == null ? "unknown XID (not in the catalog)" : info.name();
            String detail = info == null
                    ? "gpufleet's catalog does not know XID " + entry.record().code() + "; look it up in NVIDIA's XID list."
                    : info.meaning() + " What to do: " + info.action().description() + ".";
            return new XidRow("GPU " + entry.gpu(), entry.record().code(), meaning,
                    time(entry.record().firstSeen()), time(entry.record().lastSeen()), entry.record().count(), detail);
        }
    }

    /// One node condition.
    public record ConditionRow(String type, String status, String reason, String message, String since) {

        static ConditionRow of(NodeCondition condition) {
            return new ConditionRow(condition.type(), condition.status(), text(condition.reason()),
                    text(condition.message()), time(condition.since()));
        }
    }

    /// One event about the node.
    public record EventRow(String type, String reason, String message, String count, String lastSeen) {

        static EventRow of(NodeEvent event) {
            return new EventRow(event.type(), event.reason(), event.message(), Integer.toString(event.count()),
                    time(event.lastSeen()));
        }
    }

    static String time(@Nullable Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    private static String text(@Nullable String value) {
        return value == null ? "" : value;
    }
}
