package dev.gpufleet.sim.api;

import dev.gpufleet.sim.store.ApiException;
import dev.gpufleet.sim.store.ResourceStore;
import dev.gpufleet.sim.store.Selection;
import dev.gpufleet.sim.table.TablePrinter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/// Writes one watch stream's events, one JSON document per line, flushed as they happen: objects
/// as they are, or as one-row Tables (with the column definitions in the first) for kubectl.
final class WatchEventWriter {

    private final Supplier<Instant> now;
    private final OutputStream out;
    private final @Nullable TablePrinter printer;
    private final ResourceStore<?> store;
    private final @Nullable String namespace;
    private final Selection selection;
    private boolean columnsSent;

    WatchEventWriter(OutputStream out, @Nullable TablePrinter printer, ResourceStore<?> store,
            @Nullable String namespace, Selection selection, Supplier<Instant> now) {
        this.now = now;
        this.out = out;
        this.printer = printer;
        this.store = store;
        this.namespace = namespace;
        this.selection = selection;
    }

    boolean wants(HasMetadata object) {
        return (namespace == null || !store.type().namespaced()
                || namespace.equals(object.getMetadata().getNamespace())) && selection.matches(object);
    }

    // One generator per event, so no root-value separator creeps in between events.
    private JsonGenerator generator() {
        return Json.MAPPER.createGenerator(new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        });
    }

    private void endEvent(JsonGenerator g) throws IOException {
        g.close();
        out.write('\n');
        out.flush();
    }

    void send(String type, HasMetadata object) throws IOException {
        JsonGenerator g = generator();
        g.writeStartObject();
        g.writeStringProperty("type", type);
        g.writeName("object");
        if (printer == null) {
            Json.MAPPER.writeValue(g, object);
        } else {
            writeTable(g, object);
        }
        g.writeEndObject();
        endEvent(g);
    }

    private void writeTable(JsonGenerator g, HasMetadata object) {
        g.writeStartObject();
        g.writeStringProperty("kind", "Table");
        g.writeStringProperty("apiVersion", "meta.k8s.io/v1");
        g.writeObjectPropertyStart("metadata");
        g.writeStringProperty("resourceVersion", object.getMetadata().getResourceVersion());
        g.writeEndObject();
        if (!columnsSent) {
            TableOutput.writeColumns(g, Objects.requireNonNull(printer));
            columnsSent = true;
        }
        g.writeArrayPropertyStart("rows");
        TableOutput.writeRow(g, Objects.requireNonNull(printer), object, now.get(), TableOutput.Include.METADATA);
        g.writeEndArray();
        g.writeEndObject();
    }

    void bookmark(long resourceVersion, boolean initialEventsEnd) throws IOException {
        JsonGenerator g = generator();
        g.writeStartObject();
        g.writeStringProperty("type", "BOOKMARK");
        g.writeObjectPropertyStart("object");
        g.writeStringProperty("kind", store.type().kind());
        g.writeStringProperty("apiVersion", store.type().apiVersion());
        g.writeObjectPropertyStart("metadata");
        g.writeStringProperty("resourceVersion", Long.toString(resourceVersion));
        if (initialEventsEnd) {
            g.writeObjectPropertyStart("annotations");
            g.writeStringProperty("k8s.io/initial-events-end", "true");
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
        endEvent(g);
    }

    void error(ApiException e) throws IOException {
        JsonGenerator g = generator();
        g.writeStartObject();
        g.writeStringProperty("type", "ERROR");
        g.writePOJOProperty("object", Responses.status(e));
        g.writeEndObject();
        endEvent(g);
    }

    ResourceStore<?> store() {
        return store;
    }
}
