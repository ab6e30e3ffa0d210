package dev.gpufleet.core.capacity;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/// A [WasteReport] as CSV: one row per scope, key and category with its GPU-hours, dollars
/// and kilowatt-hours (empty for a category the source cannot tell); the fleet's hourly trend follows as scope `hour`. Pending pods are not
/// rows of hours and appear only in the JSON and Markdown forms.
public final class WasteReportCsv {

    /// The header line.
    public static final String HEADER = "scope,key,category,gpu_hours,cost_usd,energy_kwh";

    private WasteReportCsv() {
    }

    public static void write(WasteReport report, PrintWriter out) {
        out.println(HEADER);
        writeRows(report.rows(), report, out);
        writeRows(report.trend(), report, out);
        out.flush();
    }

    /// A category the source cannot tell has empty values, not zeros.
    private static void writeRows(List<WasteReport.Row> rows, WasteReport report, PrintWriter out) {
        for (WasteReport.Row row : rows) {
            String prefix = row.scope().id() + "," + quote(row.key()) + ",";
            for (WasteCategory category : WasteCategory.values()) {
                WasteAmounts amounts = row.amounts();
                if (!report.known(category)) {
                    out.println(prefix + category.id() + ",,,");
                    continue;
                }
                out.println(prefix + category.id() + "," + number(amounts.hours(category)) + ","
                        + number(amounts.dollars(category)) + "," + number(amounts.kwh(category)));
            }
        }
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    /// RFC 4180 quoting where a field needs it.
    static String quote(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
