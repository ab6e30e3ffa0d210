package dev.gpufleet.core.triage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gpufleet.core.model.NodeCondition;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/// A [TriageReport] as JSON (`gpufleet triage --format json`). Field names are a contract
/// (see the README's "Triage" section): absent values are `null`, enums are lower-case words.
public final class TriageJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TriageJson() {
    }

    /// The report as indented JSON text.
    public static String write(TriageReport report) {
        try {
            return MAPPER.writeValueAsString(tree(report));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /// The report as a JSON tree.
    public static ObjectNode tree(TriageReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("node", report.node());
        if (report.gpu() == null) {
            root.putNull("gpu");
        } else {
            root.put("gpu", report.gpu());
        }
        root.put("at", report.at().toString());
        root.put("verdict", report.verdict().label());
        root.put("action", report.action().label());
        root.put("actionText", report.action().description());
        root.put("reason", report.reason());
        ArrayNode evidence = root.putArray("evidence");
        report.evidence().forEach(e -> evidence(evidence.addObject(), e));
        gpus(root.putArray("gpus"), report);
        ArrayNode xids = root.putArray("xids");
        report.xids().forEach(x -> xid(xids.addObject(), x));
        nodeState(root.putObject("nodeState"), report);
        events(root.putArray("events"), report);
        ArrayNode pods = root.putArray("pods");
        report.pods().forEach(pods::add);
        return root;
    }

    private static void gpus(ArrayNode gpus, TriageReport report) {
        for (TriageReport.GpuVerdict gpu : report.gpus()) {
            ObjectNode item = gpus.addObject();
            item.put("index", gpu.index());
            item.put("uuid", gpu.uuid());
            item.put("model", gpu.model());
            item.put("verdict", gpu.verdict().label());
            item.put("action", gpu.action().label());
            item.put("reason", gpu.reason());
        }
    }

    private static void nodeState(ObjectNode node, TriageReport report) {
        node.put("cordoned", report.cordoned());
        ArrayNode conditions = node.putArray("conditions");
        for (NodeCondition condition : report.conditions()) {
            ObjectNode item = conditions.addObject();
            item.put("type", condition.type());
            item.put("status", condition.status());
            item.put("reason", condition.reason());
            item.put("message", condition.message());
            item.put("since", text(condition.since()));
        }
    }

    private static void events(ArrayNode events, TriageReport report) {
        for (NodeEvent event : report.events()) {
            ObjectNode item = events.addObject();
            item.put("type", event.type());
            item.put("reason", event.reason());
            item.put("message", event.message());
            item.put("component", event.component());
            item.put("count", event.count());
            item.put("firstSeen", text(event.firstSeen()));
            item.put("lastSeen", text(event.lastSeen()));
        }
    }

    private static void evidence(ObjectNode item, Evidence e) {
        item.put("severity", e.severityLabel());
        if (e.gpu() == null) {
            item.putNull("gpu");
        } else {
            item.put("gpu", e.gpu());
        }
        item.put("what", e.what());
        item.put("value", e.value());
        item.put("since", text(e.since()));
        item.put("source", e.source().label());
        item.put("action", e.action().label());
    }

    private static void xid(ObjectNode item, TriageReport.XidEntry entry) {
        item.put("gpu", entry.gpu());
        item.put("code", entry.record().code());
        item.put("known", entry.info() != null);
        item.put("name", entry.info() == null ? null : entry.info().name());
        item.put("meaning", entry.info() == null ? null : entry.info().meaning());
        item.put("recommended", entry.info() == null ? null : entry.info().action().label());
        item.put("description", entry.describe());
        item.put("firstSeen", entry.record().firstSeen().toString());
        item.put("lastSeen", entry.record().lastSeen().toString());
        item.put("count", entry.record().count());
    }

    private static @Nullable String text(@Nullable Instant time) {
        return time == null ? null : time.toString();
    }
}
