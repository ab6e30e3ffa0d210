package dev.gpufleet.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/// An append-only JSON-lines file of [AuditEntry]s, one object per line.
///
/// Each entry is written with one `write` to a file opened for appending and forced to disk
/// before the call returns, so an entry written before a request survives the app being killed
/// during it; a line cut short by a crash mid-write is skipped when reading. Nothing that looks
/// like a credential is ever written: detail keys naming tokens, passwords or keys are refused.
public final class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(token|password|secret|credential|key-data|bearer).*");

    private final Path file;
    private final Clock clock;

    public AuditLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public AuditLog(Path file) {
        this(file, Clock.systemUTC());
    }

    public Path file() {
        return file;
    }

    /// Records that `action` is about to be done and returns the id its outcome must carry.
    public String intent(String context, String user, String action, String target, Map<String, String> details)
            throws IOException {
        String id = UUID.randomUUID().toString();
        append(new AuditEntry(clock.instant(), id, AuditEntry.Phase.intent, context, user, action, target, details,
                null, null));
        return id;
    }

    /// Records how the action `id` ended.
    public void outcome(String id, String context, String user, String action, String target, String result,
            @Nullable String message, Map<String, String> details) throws IOException {
        append(new AuditEntry(clock.instant(), id, AuditEntry.Phase.outcome, context, user, action, target, details,
                result, message));
    }

    /// Every complete entry, oldest first; an unreadable line (cut short by a crash) is skipped.
    public List<AuditEntry> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<AuditEntry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            AuditEntry entry = parse(line);
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private synchronized void append(AuditEntry entry) throws IOException {
        for (String key : entry.details().keySet()) {
            if (SECRET_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("audit details must not hold credentials: \"" + key + "\"");
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] line = (toJson(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    static String toJson(AuditEntry entry) throws JsonProcessingException {
        ObjectNode node = JSON.createObjectNode();
        node.put("time", entry.time().toString());
        node.put("id", entry.id());
        node.put("phase", entry.phase().name());
        node.put("context", entry.context());
        node.put("user", entry.user());
        node.put("action", entry.action());
        node.put("target", entry.target());
        if (entry.result() != null) {
            node.put("result", entry.result());
        }
        if (entry.message() != null) {
            node.put("message", entry.message());
        }
        ObjectNode details = node.putObject("details");
        new TreeMap<>(entry.details()).forEach(details::put);
        return JSON.writeValueAsString(node);
    }

    private static @Nullable AuditEntry parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(line);
            Map<String, String> details = new LinkedHashMap<>();
            node.path("details").fields().forEachRemaining(field -> details.put(field.getKey(), field.getValue().asText()));
            return new AuditEntry(Instant.parse(node.path("time").asText()), node.path("id").asText(),
                    AuditEntry.Phase.valueOf(node.path("phase").asText()), node.path("context").asText(),
                    node.path("user").asText(), node.path("action").asText(), node.path("target").asText(), details,
                    node.hasNonNull("result") ? node.get("result").asText() : null,
                    node.hasNonNull("message") ? node.get("message").asText() : null);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }
}
