package dev.gpufleet.sim.api;

import com.sun.net.httpserver.HttpExchange;
import dev.gpufleet.sim.faults.ApiFaults;
import dev.gpufleet.sim.store.ApiException;
import dev.gpufleet.sim.store.FieldSelector;
import dev.gpufleet.sim.store.Fields;
import dev.gpufleet.sim.store.LabelSelector;
import dev.gpufleet.sim.store.ResourceStore;
import dev.gpufleet.sim.store.Selection;
import dev.gpufleet.sim.table.Printers;
import dev.gpufleet.sim.table.TablePrinter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/// GET of one object, a list (JSON or Table, paged with `limit`/`continue`) or a watch.
/// Lists stream straight from the store into the response, so 100,000 pods never sit in memory
/// as one document.
final class ReadEndpoint {

    private static final int BUFFER = 64 * 1024;

    private final Supplier<Instant> now;
    private final WatchStreamer watches;

    ReadEndpoint(Supplier<Instant> now, ApiFaults faults) {
        this.now = now;
        this.watches = new WatchStreamer(now, faults);
    }

    static Selection selection(ApiRequest request, ResourceStore<?> store) {
        return new Selection(LabelSelector.parse(request.param("labelSelector", "")),
                FieldSelector.parse(request.param("fieldSelector", ""), Fields.supported(store.type().plural())));
    }

    <T extends HasMetadata> void get(ApiRequest request, ResourceStore<T> store, String namespace, String name)
            throws IOException {
        T object = store.require(namespace, name);
        if (!request.wantsTable()) {
            Responses.json(request.exchange(), 200, object);
            return;
        }
        TablePrinter printer = Printers.forResource(store.type().plural());
        try (JsonGenerator g = startJson(request.exchange())) {
            g.writeStartObject();
            g.writeStringProperty("kind", "Table");
            g.writeStringProperty("apiVersion", "meta.k8s.io/v1");
            g.writeObjectPropertyStart("metadata");
            g.writeStringProperty("resourceVersion", object.getMetadata().getResourceVersion());
            g.writeEndObject();
            TableOutput.writeColumns(g, printer);
            g.writeArrayPropertyStart("rows");
            TableOutput.writeRow(g, printer, object, now.get(), TableOutput.Include.parse(request.param("includeObject", "")));
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    <T extends HasMetadata> void listOrWatch(ApiRequest request, ResourceStore<T> store, @Nullable String namespace)
            throws IOException {
        Selection selection = selection(request, store);
        if (request.flag("watch")) {
            watches.stream(request, store, namespace, selection);
            return;
        }
        int limit = parseLimit(request.param("limit", "0"));
        String token = request.param("continue", "");
        String after = token.isEmpty() ? null : ContinueTokens.decode(token);
        try (JsonGenerator g = startJson(request.exchange())) {
            if (request.wantsTable()) {
                TablePrinter printer = Printers.forResource(store.type().plural());
                TableOutput.Include include = TableOutput.Include.parse(request.param("includeObject", ""));
                Instant at = now.get();
                writeList(g, "Table", "meta.k8s.io/v1", "rows", () -> TableOutput.writeColumns(g, printer),
                        () -> store.list(namespace, selection, limit, after,
                                object -> TableOutput.writeRow(g, printer, object, at, include)));
            } else {
                writeList(g, store.type().listKind(), store.type().apiVersion(), "items", () -> { },
                        () -> store.list(namespace, selection, limit, after, object -> Json.MAPPER.writeValue(g, object)));
            }
        }
    }

    private static void writeList(JsonGenerator g, String kind, String apiVersion, String itemsName, Runnable header,
            Supplier<ResourceStore.ListResult> items) {
        g.writeStartObject();
        g.writeStringProperty("kind", kind);
        g.writeStringProperty("apiVersion", apiVersion);
        header.run();
        g.writeArrayPropertyStart(itemsName);
        ResourceStore.ListResult result = items.get();
        g.writeEndArray();
        // Written last because the continue token is known only after the items; JSON readers
        // (Go's, Jackson's) do not care about member order.
        g.writeObjectPropertyStart("metadata");
        g.writeStringProperty("resourceVersion", Long.toString(result.resourceVersion()));
        if (result.continueKey() != null) {
            g.writeStringProperty("continue", ContinueTokens.encode(result.resourceVersion(), result.continueKey()));
            if (result.remaining() >= 0) {
                g.writeNumberProperty("remainingItemCount", result.remaining());
            }
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static int parseLimit(String limit) {
        try {
            return Math.max(0, Integer.parseInt(limit));
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit must be a number, got \"" + limit + "\"");
        }
    }

    /// Sends 200 with chunked encoding and returns a generator over a buffered body; closing the
    /// generator ends the response.
    static JsonGenerator startJson(HttpExchange exchange) throws IOException {
        return Json.MAPPER.createGenerator(startStream(exchange));
    }

    /// Sends 200 with chunked encoding and returns the buffered body; closing it ends the response.
    static OutputStream startStream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", Responses.JSON);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache, private");
        exchange.sendResponseHeaders(200, 0);
        return new BufferedOutputStream(exchange.getResponseBody(), BUFFER);
    }
}
