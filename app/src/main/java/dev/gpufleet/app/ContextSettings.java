package dev.gpufleet.app;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gpufleet.app.actions.ProductionContexts;
import dev.gpufleet.views.clusters.ReadOnlyContexts;
import dev.gpufleet.views.clusters.TelemetryChoice;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// What gpufleet remembers per kubeconfig context across restarts — its telemetry source,
/// whether it is read-only and whether it is production — in `contexts.json` under the
/// [PlatformDirectories].
///
/// Read-only is the [ReadOnlyContexts] answer for the console's action UIs and the command
/// line's `cordon`, `uncordon`, `label` and `drain`. Production asks for a typed confirmation
/// before destructive actions; a context with no stored choice is production when its name
/// says so ([ProductionContexts#byName]).
///
/// The file holds file *paths* for tokens and CAs, never a token. It is written atomically (a
/// temporary file moved over it). A file that cannot be read is reported through [#problem]
/// and left exactly as it is: defaults apply, and it is only replaced when the person saves a
/// choice, after being copied to `contexts.json.broken` so nothing they wrote is lost.
public final class ContextSettings implements ReadOnlyContexts {

    static final String FILE_NAME = "contexts.json";
    private static final Logger LOG = LoggerFactory.getLogger(ContextSettings.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final @Nullable Path file;
    private final Map<String, TelemetryChoice> telemetry = new LinkedHashMap<>();
    private final Set<String> readOnly = new TreeSet<>();
    private final Map<String, Boolean> production = new TreeMap<>();
    private @Nullable String problem;
    private boolean brokenOnDisk;

    private ContextSettings(@Nullable Path file) {
        this.file = file;
    }

    /// Settings kept in memory only (tests, screenshots).
    static ContextSettings inMemory() {
        return new ContextSettings(null);
    }

    /// Reads `directory/contexts.json`; a missing file is no problem, a broken one is.
    public static ContextSettings load(Path directory) {
        ContextSettings settings = new ContextSettings(directory.resolve(FILE_NAME));
        settings.read();
        return settings;
    }

    /// Why the saved settings could not be used, for a banner; empty when all is well.
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    synchronized TelemetryChoice telemetry(String context) {
        return telemetry.getOrDefault(context, TelemetryChoice.podProxy());
    }

    /// Whether the user marked `context` read-only: gpufleet must change nothing there.
    @Override
    public synchronized boolean isReadOnly(String context) {
        return readOnly.contains(context);
    }

    /// Whether `context` is production: the stored choice, else whether its name says so.
    public synchronized boolean isProduction(String context) {
        Boolean stored = production.get(context);
        return stored != null ? stored : ProductionContexts.byName(context);
    }

    /// Whether `isProduction(context)` comes from a stored choice rather than the name.
    public synchronized boolean productionStored(String context) {
        return production.containsKey(context);
    }

    /// Stores whether `context` is production and writes the file; returns a problem for people or empty.
    public synchronized Optional<String> saveProduction(String context, boolean on) {
        production.put(context, on);
        return save();
    }

    /// Remembers `choice` for `context` and writes the file; returns a problem for people or empty.
    synchronized Optional<String> saveTelemetry(String context, TelemetryChoice choice) {
        if (choice.isPrometheus()) {
            telemetry.put(context, choice);
        } else {
            telemetry.remove(context);
        }
        return save();
    }

    /// Marks `context` read-only or not and writes the file; returns a problem for people or empty.
    synchronized Optional<String> saveReadOnly(String context, boolean on) {
        if (on) {
            readOnly.add(context);
        } else {
            readOnly.remove(context);
        }
        return save();
    }

    private Optional<String> save() {
        if (file == null) {
            return Optional.empty();
        }
        try {
            write(file);
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("Could not save context settings to {}", file, e);
            return Optional.of("The choice applies now but could not be saved to " + file + ": " + e.getMessage()
                    + ". Check that the directory is writable.");
        }
    }

    private void read() {
        Path path = Objects.requireNonNull(file);
        try {
            JsonNode root = JSON.readTree(Files.readString(path));
            JsonNode contexts = root == null ? null : root.get("contexts");
            if (contexts == null || !contexts.isObject()) {
                throw new IOException("it has no \"contexts\" object");
            }
            Map<String, TelemetryChoice> read = new LinkedHashMap<>();
            Set<String> locked = new TreeSet<>();
            Map<String, Boolean> marked = new TreeMap<>();
            for (var entry : contexts.properties()) {
                JsonNode source = entry.getValue().get("telemetry");
                if (source != null) {
                    read.put(entry.getKey(), TelemetryJson.read(source, entry.getKey()));
                }
                if (Boolean.TRUE.equals(flag(entry.getValue(), entry.getKey(), "readOnly"))) {
                    locked.add(entry.getKey());
                }
                Boolean isProduction = flag(entry.getValue(), entry.getKey(), "production");
                if (isProduction != null) {
                    marked.put(entry.getKey(), isProduction);
                }
            }
            telemetry.putAll(read);
            readOnly.addAll(locked);
            production.putAll(marked);
        } catch (NoSuchFileException absent) {
            LOG.debug("No context settings at {} yet", path);
        } catch (IOException | IllegalArgumentException broken) {
            String why = broken instanceof JacksonException json ? json.getOriginalMessage() : broken.getMessage();
            problem = "Your saved cluster settings in " + path + " could not be read (" + why + "), so every"
                    + " cluster uses its default telemetry source, none is read-only and production is judged by name."
                    + " The file is left as it is; fix it and restart,"
                    + " or choose a source again to replace it (a copy is kept as " + FILE_NAME + ".broken).";
            brokenOnDisk = true;
            LOG.warn("Context settings {} could not be read: {}", path, why);
        }
    }

    private static @Nullable Boolean flag(JsonNode context, String name, String field) {
        JsonNode flag = context.get(field);
        if (flag == null || flag.isNull()) {
            return null;
        }
        if (!flag.isBoolean()) {
            throw new IllegalArgumentException("\"" + field + "\" of context " + name + " must be true or false, not " + flag);
        }
        return flag.booleanValue();
    }

    private void write(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        if (brokenOnDisk && Files.exists(path)) {
            Files.copy(path, path.resolveSibling(FILE_NAME + ".broken"), StandardCopyOption.REPLACE_EXISTING);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ObjectNode contexts = root.putObject("contexts");
        telemetry.forEach((context, choice) -> contexts.putObject(context).set("telemetry", TelemetryJson.write(choice)));
        readOnly.forEach(context -> (contexts.has(context) ? (ObjectNode) contexts.get(context) : contexts.putObject(context))
                .put("readOnly", true));
        production.forEach((context, on) -> (contexts.has(context) ? (ObjectNode) contexts.get(context)
                : contexts.putObject(context)).put("production", on));
        Path temporary = Files.createTempFile(path.getParent(), FILE_NAME, ".tmp");
        try {
            Files.writeString(temporary, JSON.writeValueAsString(root));
            try {
                Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        brokenOnDisk = false;
        problem = null;
    }
}
