package dev.gpufleet.sim.api;

import com.sun.net.httpserver.HttpExchange;
import dev.gpufleet.sim.faults.ApiFaults;
import dev.gpufleet.sim.store.ApiException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/// Plays the [ApiFaults] in force on a request before it is served: delays it, resets its
/// connection, throttles it as API Priority and Fairness does, or refuses a watch with 503.
final class FaultGate {

    /// The body a real API server's priority-and-fairness filter writes with its 429 (plain
    /// text, not a `Status`; the wait is only in `Retry-After`).
    static final String TOO_MANY_REQUESTS = "Too many requests, please try again later.\n";
    private static final String FLOW_SCHEMA_UID = UUID.nameUUIDFromBytes("global-default".getBytes(StandardCharsets.UTF_8)).toString();
    private static final String PRIORITY_LEVEL_UID = UUID.nameUUIDFromBytes("global-default-level".getBytes(StandardCharsets.UTF_8)).toString();

    private final ApiFaults faults;

    FaultGate(ApiFaults faults) {
        this.faults = faults;
    }

    /// Whether a fault answered the request (nothing more to do); throws [ConnectionDropped]
    /// when the connection is to be reset.
    boolean intercept(ApiRequest request) throws IOException {
        Duration latency = faults.latency();
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while delaying the answer", stop);
            }
        }
        HttpExchange exchange = request.exchange();
        if (faults.dropNow()) {
            if (request.flag("watch")) {
                // Before the answer starts: a watch whose headers came through counts as
                // established to a client, which would then reconnect forever without noticing.
                throw new ConnectionDropped();
            }
            drop(exchange);
        }
        if (faults.throttleNow()) {
            throttle(exchange);
            return true;
        }
        if (request.flag("watch") && faults.watchesUnavailable()) {
            Responses.failure(exchange, unavailable());
            return true;
        }
        return false;
    }

    /// The `Status` of a 503, as the API server sends when it cannot serve for now.
    static ApiException unavailable() {
        return new ApiException(503, "ServiceUnavailable", "the server is currently unable to handle the request");
    }

    /// Starts a 200 answer, writes a little of it, and resets the connection.
    static void drop(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", Responses.JSON);
        exchange.sendResponseHeaders(200, 4096);
        OutputStream out = exchange.getResponseBody();
        out.write("{\"kind\":\"".getBytes(StandardCharsets.UTF_8));
        out.flush();
        throw new ConnectionDropped();
    }

    private static void throttle(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Retry-After", Integer.toString(ApiFaults.RETRY_AFTER_SECONDS));
        exchange.getResponseHeaders().set("X-Kubernetes-PF-FlowSchema-UID", FLOW_SCHEMA_UID);
        exchange.getResponseHeaders().set("X-Kubernetes-PF-PriorityLevel-UID", PRIORITY_LEVEL_UID);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        Responses.text(exchange, 429, "text/plain; charset=utf-8", TOO_MANY_REQUESTS);
    }
}
