package dev.gpufleet.sim.api;

import com.sun.net.httpserver.HttpExchange;
import dev.gpufleet.sim.SimUser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// What the handlers need of an HTTP exchange: method, decoded path and query, a few headers.
public final class ApiRequest {

    private static final int MAX_BODY = 8 * 1024 * 1024;

    private final HttpExchange exchange;
    private final String path;
    private final Map<String, String> query;
    private SimUser user = SimUser.VIEWER;

    ApiRequest(HttpExchange exchange) {
        this.exchange = exchange;
        this.path = exchange.getRequestURI().getRawPath();
        this.query = parseQuery(exchange.getRequestURI().getRawQuery());
    }

    private static Map<String, String> parseQuery(@Nullable String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    /// Who sent it, once the bearer token was checked.
    public SimUser user() {
        return user;
    }

    void authenticatedAs(SimUser who) {
        this.user = who;
    }

    public HttpExchange exchange() {
        return exchange;
    }

    public String method() {
        return exchange.getRequestMethod();
    }

    /// The raw (still percent-encoded) path.
    public String path() {
        return path;
    }

    public @Nullable String param(String name) {
        return query.get(name);
    }

    public String param(String name, String fallback) {
        String v = query.get(name);
        return v == null ? fallback : v;
    }

    /// Whether a boolean query parameter is set (`true` or `1`).
    public boolean flag(String name) {
        String v = query.get(name);
        return v != null && (v.equals("true") || v.equals("1"));
    }

    public String header(String name) {
        String v = exchange.getRequestHeaders().getFirst(name);
        return v == null ? "" : v;
    }

    /// Whether the client asked for a server-side printed `meta.k8s.io` Table.
    public boolean wantsTable() {
        String accept = header("Accept");
        return accept.contains("as=Table") && (accept.contains("g=meta.k8s.io") || !accept.contains("g="));
    }

    /// The media type of the request body, without parameters.
    public String contentType() {
        String type = header("Content-Type");
        int semi = type.indexOf(';');
        return (semi < 0 ? type : type.substring(0, semi)).trim();
    }

    public byte[] body() throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new dev.gpufleet.sim.store.ApiException(413, "RequestEntityTooLarge",
                        "the request body is larger than " + MAX_BODY + " bytes");
            }
            return body;
        }
    }
}
