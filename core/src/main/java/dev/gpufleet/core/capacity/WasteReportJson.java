package dev.gpufleet.core.capacity;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/// A [WasteReport] as JSON: `from`, `to`, `windowSeconds`, `settings`, `prices`, `fleet`,
/// `rows[]` and `trend[]` (each `{scope, key, totalHours, allocatedHours, unallocatedHours,
/// idleCostUsd, idleKwh, hours{category}, costUsd{category}, kwh{category}}`),
/// `topWasters[]`, `pending[]` (`{cluster, namespace, name, workload, requests, reason}`) and `notes[]`.
public final class WasteReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int TOP_WASTERS = 10;

    private WasteReportJson() {
    }

    public static void write(WasteReport report, PrintWriter out) {
        try {
            out.println(MAPPER.writeValueAsString(tree(report)));
            out.flush();
        } catch (JacksonException e) {
            throw new IllegalStateException("the waste report could not be written as JSON", e);
        }
    }

    static ObjectNode tree(WasteReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("from", report.from().toString());
        root.put("to", report.to().toString());
        root.put("windowSeconds", report.window().toNanos() / 1e9);
        ObjectNode settings = root.putObject("settings");
        settings.put("idleBelowPercent", report.settings().idleBelowPercent());
        settings.put("staleAfterSeconds", report.settings().staleAfter().toSeconds());
        settings.put("maxGapSeconds", report.settings().maxGap().toSeconds());
        ObjectNode prices = root.putObject("prices");
        report.prices().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(price -> prices.put(price.getKey(), price.getValue()));
        root.set("fleet", amounts(report.fleet()));
        rows(root.putArray("rows"), report.rows());
        rows(root.putArray("trend"), report.trend());
        rows(root.putArray("topWasters"), report.topWasters(TOP_WASTERS));
        ArrayNode pending = root.putArray("pending");
        for (PendingPod pod : report.pending()) {
            ObjectNode node = pending.addObject();
            node.put("cluster", pod.cluster());
            node.put("namespace", pod.namespace());
            node.put("name", pod.name());
            node.put("workload", pod.workload());
            ObjectNode requests = node.putObject("requests");
            pod.requests().forEach(requests::put);
            node.put("reason", pod.reason());
        }
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        return root;
    }

    private static void rows(ArrayNode array, List<WasteReport.Row> rows) {
        for (WasteReport.Row row : rows) {
            ObjectNode node = array.addObject();
            node.put("scope", row.scope().id());
            node.put("key", row.key());
            node.setAll(amounts(row.amounts()));
        }
    }

    private static ObjectNode amounts(WasteAmounts amounts) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("totalHours", amounts.totalHours());
        node.put("allocatedHours", amounts.allocatedHours());
        node.put("unallocatedHours", amounts.unallocatedHours());
        node.put("idleCostUsd", amounts.idleDollars());
        node.put("idleKwh", amounts.idleKwh());
        ObjectNode hours = node.putObject("hours");
        ObjectNode cost = node.putObject("costUsd");
        ObjectNode kwh = node.putObject("kwh");
        for (WasteCategory category : WasteCategory.values()) {
            hours.put(category.id(), amounts.hours(category));
            cost.put(category.id(), amounts.dollars(category));
            kwh.put(category.id(), amounts.kwh(category));
        }
        return node;
    }
}
