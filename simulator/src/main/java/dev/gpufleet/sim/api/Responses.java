package dev.gpufleet.sim.api;

import com.sun.net.httpserver.HttpExchange;
import dev.gpufleet.sim.store.ApiException;
import dev.gpufleet.sim.store.ResourceType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ObjectNode;

/// Writing complete responses: JSON objects, plain text, and `Status` failures shaped like the
/// API server's.
public final class Responses {

    public static final String JSON = "application/json";

    private Responses() {
    }

    public static void json(HttpExchange exchange, int code, Object body) throws IOException {
        send(exchange, code, JSON, Json.MAPPER.writeValueAsBytes(body));
    }

    public static void text(HttpExchange exchange, int code, String contentType, String body) throws IOException {
        send(exchange, code, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static void send(HttpExchange exchange, int code, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache, private");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(code, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    /// A `Status` object for a failure.
    public static ObjectNode status(ApiException e) {
        ObjectNode status = Json.MAPPER.createObjectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", e.getMessage());
        status.put("reason", e.reason());
        ResourceType type = e.type();
        if (e.objectName() != null || type != null) {
            ObjectNode details = status.putObject("details");
            if (e.objectName() != null) {
                details.put("name", e.objectName());
            }
            if (type != null) {
                if (!type.group().isEmpty()) {
                    details.put("group", type.group());
                }
                details.put("kind", type.plural());
            }
        }
        status.put("code", e.code());
        return status;
    }

    public static void failure(HttpExchange exchange, ApiException e) throws IOException {
        json(exchange, e.code(), status(e));
    }

    /// A `Status` object for a success (e.g. the answer to an eviction).
    public static ObjectNode success(int code) {
        ObjectNode status = Json.MAPPER.createObjectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success");
        status.put("code", code);
        return status;
    }
}
