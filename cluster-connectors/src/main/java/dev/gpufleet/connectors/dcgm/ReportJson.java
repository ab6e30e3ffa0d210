package dev.gpufleet.connectors.dcgm;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gpufleet.connectors.exposition.ParseError;
import dev.gpufleet.core.model.PodRef;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/// The pieces the `metrics parse` reports (DCGM and AMD) write alike, so both print one shape.
public final class ReportJson {

    private ReportJson() {
    }

    /// `"pods": [{"namespace", "pod", "container"}, …]`
    public static void writePods(JsonGenerator json, List<PodRef> pods) throws IOException {
        json.writeArrayFieldStart("pods");
        for (PodRef pod : pods) {
            json.writeStartObject();
            json.writeStringField("namespace", pod.namespace());
            json.writeStringField("pod", pod.name());
            writeNullable(json, "container", pod.container());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /// `"errors": [{"line", "message"}, …]`
    public static void writeErrors(JsonGenerator json, List<ParseError> errors) throws IOException {
        json.writeArrayFieldStart("errors");
        for (ParseError error : errors) {
            json.writeStartObject();
            json.writeNumberField("line", error.line());
            json.writeStringField("message", error.message());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /// `"field": value`, or `"field": null`.
    public static void writeNullable(JsonGenerator json, String field, @Nullable String value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, value);
        }
    }
}
