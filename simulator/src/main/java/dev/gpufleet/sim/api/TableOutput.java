package dev.gpufleet.sim.api;

import dev.gpufleet.sim.table.Column;
import dev.gpufleet.sim.table.TablePrinter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import tools.jackson.core.JsonGenerator;

/// Writes `meta.k8s.io/v1` Table parts: column definitions and rows with the object embedded as
/// `includeObject` asks (`Metadata` by default: kubectl reads namespace and name from it).
final class TableOutput {

    /// What to embed in each row.
    enum Include { NONE, METADATA, OBJECT;

        static Include parse(String value) {
            return switch (value) {
                case "None" -> NONE;
                case "Object" -> OBJECT;
                default -> METADATA;
            };
        }
    }

    private TableOutput() {
    }

    static void writeColumns(JsonGenerator g, TablePrinter printer) {
        g.writeArrayPropertyStart("columnDefinitions");
        for (Column c : printer.columns()) {
            g.writeStartObject();
            g.writeStringProperty("name", c.name());
            g.writeStringProperty("type", c.type());
            g.writeStringProperty("format", c.format());
            g.writeStringProperty("description", c.description());
            g.writeNumberProperty("priority", c.priority());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static void writeRow(JsonGenerator g, TablePrinter printer, HasMetadata object, Instant now, Include include) {
        g.writeStartObject();
        g.writeArrayPropertyStart("cells");
        for (Object cell : printer.cells(object, now)) {
            if (cell instanceof Integer i) {
                g.writeNumber(i);
            } else if (cell instanceof Boolean b) {
                g.writeBoolean(b);
            } else {
                g.writeString(String.valueOf(cell));
            }
        }
        g.writeEndArray();
        switch (include) {
            case METADATA -> {
                g.writeObjectPropertyStart("object");
                g.writeStringProperty("kind", "PartialObjectMetadata");
                g.writeStringProperty("apiVersion", "meta.k8s.io/v1");
                g.writeName("metadata");
                Json.MAPPER.writeValue(g, object.getMetadata());
                g.writeEndObject();
            }
            case OBJECT -> {
                g.writeName("object");
                Json.MAPPER.writeValue(g, object);
            }
            case NONE -> {
                // kubectl asked for cells only
            }
        }
        g.writeEndObject();
    }
}
