package dev.gpufleet.core.triage;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;

/// Reads and writes [TriageThresholds] as a JSON object whose fields are the record's
/// components. A file may name only the thresholds it changes; the rest keep their defaults.
/// Unknown fields and values that are not numbers are refused with a message naming them.
public final class TriageThresholdsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TriageThresholdsJson() {
    }

    /// The thresholds in `file`, or the defaults when there is no such file.
    ///
    /// @throws IOException              when the file exists but cannot be read
    /// @throws IllegalArgumentException when its content is not valid thresholds; the message says why
    public static TriageThresholds load(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException missing) {
            return TriageThresholds.defaults();
        }
        return parse(text, file.toString());
    }

    /// The thresholds in `json`; `where` names the source in error messages.
    public static TriageThresholds parse(String json, String where) {
        JsonNode given;
        try {
            given = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(where + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (given == null || !given.isObject()) {
            throw new IllegalArgumentException(where + " must hold a JSON object of thresholds");
        }
        ObjectNode merged = MAPPER.valueToTree(TriageThresholds.defaults());
        for (Iterator<Map.Entry<String, JsonNode>> fields = given.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!merged.has(field.getKey())) {
                throw new IllegalArgumentException(where + ": unknown threshold '" + field.getKey()
                        + "'; known ones are " + String.join(", ", iterable(merged.fieldNames())));
            }
            if (!field.getValue().isNumber()) {
                throw new IllegalArgumentException(where + ": threshold '" + field.getKey() + "' must be a number");
            }
            merged.set(field.getKey(), field.getValue());
        }
        try {
            return MAPPER.treeToValue(merged, TriageThresholds.class);
        } catch (JacksonException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException bad ? bad : e;
            String message = cause instanceof JacksonException json2 ? json2.getOriginalMessage() : cause.getMessage();
            throw new IllegalArgumentException(where + ": " + message);
        }
    }

    /// The thresholds as JSON text.
    public static String write(TriageThresholds thresholds) {
        try {
            return MAPPER.writeValueAsString(thresholds);
        } catch (JacksonException e) {
            throw new IllegalStateException("thresholds could not be written as JSON", e);
        }
    }

    /// Writes the thresholds to `file` atomically (a temporary file moved over it).
    public static void save(TriageThresholds thresholds, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temporary, write(thresholds));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static Iterable<String> iterable(Iterator<String> names) {
        return () -> names;
    }
}
