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
/// `topWasters[]`, `notKnown[]` (category ids whose
/// values are `null`: the source cannot tell them), `pending[]` (`{cluster, namespace, name, workload, requests, reason}`) and `notes[]`.
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
        ArrayNode notKnown = root.putArray("notKnown");
        report.notKnown().forEach(category -> notKnown.add(category.id()));
        root.set("fleet", amounts(report.fleet(), report));
        rows(root.putArray("rows"), report.rows(), report);
        rows(root.putArray("trend"), report.trend(), report);
        rows(root.putArray("topWasters"), report.topWasters(TOP_WASTERS), report);
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

    private static void rows(ArrayNode array, List<WasteReport.Row> rows, WasteReport report) {
        for (WasteReport.Row row : rows) {
            ObjectNode node = array.addObject();
            node.put("scope", row.scope().id());
            node.put("key", row.key());
            node.setAll(amounts(row.amounts(), report));
        }
    }

    /// A category the source cannot tell is `null`, not 0.
    private static ObjectNode amounts(WasteAmounts amounts, WasteReport report) {
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
            if (!report.known(category)) {
                hours.putNull(category.id());
                cost.putNull(category.id());
                kwh.putNull(category.id());
                continue;
            }
            hours.put(category.id(), amounts.hours(category));
            cost.put(category.id(), amounts.dollars(category));
            kwh.put(category.id(), amounts.kwh(category));
        }
        return node;
    }
}
