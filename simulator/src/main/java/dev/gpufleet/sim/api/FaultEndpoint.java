package dev.gpufleet.sim.api;

import dev.gpufleet.sim.SimUser;
import dev.gpufleet.sim.faults.ApiFault;
import dev.gpufleet.sim.faults.ApiFaults;
import dev.gpufleet.sim.faults.ExporterFaults;
import dev.gpufleet.sim.faults.FaultSwitch;
import dev.gpufleet.sim.store.ApiException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/// `GET|POST /gpufleet-sim/v1/faults`: the simulator's fault switches over HTTP, for the admin
/// user only.
///
/// GET answers `{"active":["throttle=0.5"],"known":["restart",...]}`. POST takes
/// `{"on":["throttle=0.5","slow=300ms"],"off":["drop"]}` (`"off":["all"]` clears every fault;
/// `off` is applied first) and answers as GET does. Each switch is `NAME[=PARAM]`, as
/// `gpufleet sim --fault` takes it; exporter faults are `exporter-FAULT[:FRACTION]`, as
/// `gpufleet sim --exporter-fault` takes them (`"on":["exporter-500:0.05"]`), and
/// `"off":["exporters"]` heals every exporter. GET also lists the misbehaving exporters' nodes.
final class FaultEndpoint {

    static final String PATH = "/gpufleet-sim/v1/faults";
    private static final String EXPORTER = "exporter-";
    private static final int NODES_LISTED = 50;

    private final ApiFaults faults;
    private final ExporterFaults exporters;

    FaultEndpoint(ApiFaults faults, ExporterFaults exporters) {
        this.faults = faults;
        this.exporters = exporters;
    }

    void handle(ApiRequest request) throws IOException {
        if (request.user() != SimUser.ADMIN) {
            throw new ApiException(403, "Forbidden", "only the simulator's admin user may switch faults");
        }
        switch (request.method()) {
            case "GET" -> { }
            case "POST" -> apply(request.body());
            default -> throw new ApiException(405, "MethodNotAllowed", "the fault switch takes GET or POST, not "
                    + request.method());
        }
        Responses.json(request.exchange(), 200, describe());
    }

    private void apply(byte[] body) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("the fault switch takes JSON such as {\"on\":[\"throttle=0.5\"],"
                    + "\"off\":[\"drop\"]}: " + e.getOriginalMessage());
        }
        List<String> off = strings(json, "off");
        List<FaultSwitch> on = new ArrayList<>();
        List<ExporterFaults.Spec> exporterOn = new ArrayList<>();
        for (String text : strings(json, "on")) {
            if (text.startsWith(EXPORTER)) {
                exporterOn.add(exporterSpec(text.substring(EXPORTER.length())));
            } else {
                on.add(parse(text));
            }
        }
        for (String name : off) {
            if (name.equalsIgnoreCase("all")) {
                faults.clearAll();
                exporters.clearAll();
            } else if (name.equalsIgnoreCase("exporters")) {
                exporters.clearAll();
            } else {
                faults.clear(parse(name).fault());
            }
        }
        on.forEach(faults::set);
        exporterOn.forEach(exporters::apply);
    }

    private static ExporterFaults.Spec exporterSpec(String text) {
        try {
            return ExporterFaults.Spec.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(EXPORTER + text + ": " + e.getMessage());
        }
    }

    private static FaultSwitch parse(String text) {
        try {
            return FaultSwitch.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static List<String> strings(JsonNode json, String field) {
        JsonNode node = json.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiException.badRequest("\"" + field + "\" must be a list of fault switches such as"
                    + " [\"throttle=0.5\"], not " + node);
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isString()) {
                throw ApiException.badRequest("\"" + field + "\" must hold strings such as \"throttle=0.5\", not "
                        + item);
            }
            texts.add(item.asString());
        }
        return texts;
    }

    private ObjectNode describe() {
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode active = answer.putArray("active");
        faults.active().forEach(s -> active.add(s.toString()));
        ArrayNode known = answer.putArray("known");
        for (ApiFault fault : ApiFault.values()) {
            known.add(fault.switchName());
        }
        for (ExporterFaults.Fault fault : ExporterFaults.Fault.values()) {
            known.add(EXPORTER + fault.flag());
        }
        List<String> failing = exporters.failingNodes();
        ObjectNode failingExporters = answer.putObject("exporters");
        failingExporters.put("failing", failing.size());
        failingExporters.put("of", exporters.nodeCount());
        ArrayNode nodes = failingExporters.putArray("nodes");
        failing.stream().limit(NODES_LISTED).forEach(nodes::add);
        return answer;
    }
}
