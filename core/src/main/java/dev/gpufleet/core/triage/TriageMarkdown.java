package dev.gpufleet.core.triage;

import dev.gpufleet.core.model.NodeCondition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/// A [TriageReport] as Markdown, for a ticket or a chat message.
public final class TriageMarkdown {

    private TriageMarkdown() {
    }

    public static String write(TriageReport report) {
        StringBuilder md = new StringBuilder();
        md.append("# Triage: ").append(report.node());
        if (report.gpu() != null) {
            md.append(" GPU ").append(report.gpu());
        }
        md.append("\n\n");
        md.append("**Verdict: ").append(report.verdict().label().toUpperCase(java.util.Locale.ROOT)).append("** — ")
                .append(cell(report.reason())).append("\n\n");
        md.append("**Recommended action: ").append(report.action().label()).append("** — ")
                .append(report.action().description()).append("\n\n");
        md.append("Made at ").append(time(report.at())).append(report.cordoned() ? "; the node is cordoned." : ".")
                .append("\n");
        evidence(report, md);
        gpus(report, md);
        xids(report, md);
        conditions(report, md);
        events(report, md);
        md.append("\n## Pods affected\n\n");
        if (report.pods().isEmpty()) {
            md.append("None known.\n");
        }
        report.pods().forEach(pod -> md.append("- ").append(pod).append('\n'));
        return md.toString();
    }

    private static void evidence(TriageReport report, StringBuilder md) {
        md.append("\n## Evidence\n\n");
        if (report.evidence().isEmpty()) {
            md.append("Nothing found.\n");
            return;
        }
        md.append("| Severity | GPU | What | Value | Since | Source | Action |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (Evidence e : report.evidence()) {
            row(md, e.severityLabel(), e.gpu() == null ? "node" : String.valueOf(e.gpu()), e.what(), e.value(),
                    time(e.since()), e.source().label(), e.action().label());
        }
    }

    private static void gpus(TriageReport report, StringBuilder md) {
        if (report.gpu() != null || report.gpus().isEmpty()) {
            return;
        }
        md.append("\n## GPUs\n\n| GPU | Model | Verdict | Action | Reason |\n|---|---|---|---|---|\n");
        for (TriageReport.GpuVerdict gpu : report.gpus()) {
            row(md, String.valueOf(gpu.index()), gpu.model() == null ? "" : gpu.model(), gpu.verdict().label(),
                    gpu.action().label(), gpu.reason());
        }
    }

    private static void xids(TriageReport report, StringBuilder md) {
        md.append("\n## XID history\n\n");
        if (report.xids().isEmpty()) {
            md.append("No XID seen since gpufleet started watching.\n");
            return;
        }
        md.append("| GPU | XID | Meaning | Recommended | First seen | Last seen | Count |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (TriageReport.XidEntry x : report.xids()) {
            row(md, String.valueOf(x.gpu()), x.describe(), x.info() == null ? "" : x.info().meaning(),
                    x.info() == null ? "" : x.info().action().label(), time(x.record().firstSeen()),
                    time(x.record().lastSeen()), String.valueOf(x.record().count()));
        }
    }

    private static void conditions(TriageReport report, StringBuilder md) {
        if (report.conditions().isEmpty()) {
            return;
        }
        md.append("\n## Node conditions\n\n| Condition | Status | Reason | Since |\n|---|---|---|---|\n");
        for (NodeCondition c : report.conditions()) {
            row(md, c.type(), c.status(), c.reason() == null ? "" : c.reason(), time(c.since()));
        }
    }

    private static void events(TriageReport report, StringBuilder md) {
        md.append("\n## Recent events\n\n");
        if (report.events().isEmpty()) {
            md.append("None.\n");
            return;
        }
        md.append("| Type | Reason | Message | Count | Last seen |\n|---|---|---|---|---|\n");
        for (NodeEvent e : report.events()) {
            row(md, e.type(), e.reason(), e.message(), String.valueOf(e.count()), time(e.lastSeen()));
        }
    }

    private static void row(StringBuilder md, String... cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(cell(cell)).append(" |");
        }
        md.append('\n');
    }

    // A table cell cannot hold a pipe or a line break.
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    // Whole seconds: a report is read by people.
    private static String time(@Nullable Instant time) {
        return time == null ? "" : time.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
