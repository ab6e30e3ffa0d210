package dev.gpufleet.core.capacity;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/// A [WasteReport] as Markdown for people: the fleet's categories, clusters and pools, the
/// nodes with the most stranded hours, the top wasters, the hourly trend and the pending pods.
public final class WasteReportMarkdown {

    private static final int TOP = 10;

    private WasteReportMarkdown() {
    }

    public static void write(WasteReport report, PrintWriter out) {
        out.println("# GPU waste report");
        out.println();
        out.printf(Locale.ROOT, "Window %s to %s (%d s). Idle means under %s%% activity.%n",
                report.from().truncatedTo(ChronoUnit.SECONDS), report.to().truncatedTo(ChronoUnit.SECONDS),
                Math.round(report.window().toMillis() / 1000.0), percent(report.settings().idleBelowPercent()));
        out.println();
        fleet(report.fleet(), report, out);
        table("Clusters", report.rows(WasteScope.CLUSTER), report, out);
        table("Pools", report.rows(WasteScope.POOL), report, out);
        table("Nodes with the most stranded GPU-hours", report.rows(WasteScope.NODE).stream()
                .filter(row -> row.amounts().hours(WasteCategory.STRANDED) > 0)
                .sorted(Comparator.comparingDouble((WasteReport.Row row) -> row.amounts().hours(WasteCategory.STRANDED))
                        .reversed())
                .limit(TOP).toList(), report, out);
        table("Top wasters (idle-allocated GPU-hours by workload)", report.topWasters(TOP), report, out);
        table("Hourly trend", report.trend(), report, out);
        pending(report.pending(), out);
        out.println("## Notes");
        out.println();
        report.notes().forEach(note -> out.println("- " + note));
        out.flush();
    }

    private static void fleet(WasteAmounts fleet, WasteReport report, PrintWriter out) {
        out.println("## Fleet");
        out.println();
        out.println("| category | GPU-hours | share | cost $ | energy kWh |");
        out.println("|---|---:|---:|---:|---:|");
        double total = fleet.totalHours();
        for (WasteCategory category : WasteCategory.values()) {
            double hours = fleet.hours(category);
            if (!report.known(category)) {
                out.printf("| %s | not known | - | - | - |%n", category.id());
                continue;
            }
            out.printf(Locale.ROOT, "| %s | %s | %s | %.2f | %s |%n", category.id(), number(hours),
                    total > 0 ? String.format(Locale.ROOT, "%.1f%%", 100 * hours / total) : "-",
                    fleet.dollars(category), number(fleet.kwh(category)));
        }
        out.printf(Locale.ROOT, "| **total** | %s | 100%% | %.2f | %s |%n", number(total),
                sumDollars(fleet), number(sumKwh(fleet)));
        out.println();
        out.printf(Locale.ROOT, "Idle GPUs (idle-allocated, stranded, free) cost $%.2f and drew %s kWh.%n",
                fleet.idleDollars(), number(fleet.idleKwh()));
        out.println();
    }

    private static void table(String title, List<WasteReport.Row> rows, WasteReport report, PrintWriter out) {
        out.println("## " + title);
        out.println();
        if (rows.isEmpty()) {
            out.println("None.");
            out.println();
            return;
        }
        out.println("| key | total | used | underused | idle-allocated | stranded | free | out of service | unknown | idle $ |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (WasteReport.Row row : rows) {
            WasteAmounts a = row.amounts();
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %.2f |%n", cell(row.key()),
                    number(a.totalHours()), number(a.hours(WasteCategory.USED)), number(a.hours(WasteCategory.UNDERUSED)),
                    cell(report, a, WasteCategory.IDLE_ALLOCATED), cell(report, a, WasteCategory.STRANDED),
                    cell(report, a, WasteCategory.FREE), number(a.hours(WasteCategory.OUT_OF_SERVICE)),
                    number(a.hours(WasteCategory.UNKNOWN)), a.idleDollars());
        }
        out.println();
    }

    private static void pending(List<PendingPod> pending, PrintWriter out) {
        out.println("## Pending GPU pods");
        out.println();
        if (pending.isEmpty()) {
            out.println("None.");
            out.println();
            return;
        }
        out.println("| cluster | pod | workload | requests | why it waits |");
        out.println("|---|---|---|---|---|");
        for (PendingPod pod : pending) {
            String requests = pod.requests().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
            out.printf("| %s | %s/%s | %s | %s | %s |%n", cell(pod.cluster()), cell(pod.namespace()), cell(pod.name()),
                    cell(pod.workload()), cell(requests), cell(pod.reason()));
        }
        out.println();
    }

    private static double sumDollars(WasteAmounts amounts) {
        double sum = 0;
        for (WasteCategory category : WasteCategory.values()) {
            sum += amounts.dollars(category);
        }
        return sum;
    }

    private static double sumKwh(WasteAmounts amounts) {
        double sum = 0;
        for (WasteCategory category : WasteCategory.values()) {
            sum += amounts.kwh(category);
        }
        return sum;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /// Hours, or `n/k` for a category the source cannot tell.
    private static String cell(WasteReport report, WasteAmounts amounts, WasteCategory category) {
        return report.known(category) ? number(amounts.hours(category)) : "n/k";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /// A threshold as people write it: `5`, `2.5`, not `5.000`.
    private static String percent(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
