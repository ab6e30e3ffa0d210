package dev.gpufleet.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    @Test
    void anActionLeavesAnIntentThenAnOutcomeWithTheSameId() throws Exception {
        AuditLog log = new AuditLog(dir.resolve("gpufleet/audit.jsonl"),
                Clock.fixed(Instant.parse("2026-11-26T01:00:00Z"), ZoneOffset.UTC));

        String id = log.intent("prod", "alice", "drain", "node/gpu-a-001", Map.of("timeout", "300s"));
        log.outcome(id, "prod", "alice", "drain", "node/gpu-a-001", "timed-out", "3 pods remain", Map.of("gone", "5"));

        List<AuditEntry> entries = log.read();
        assertThat(entries).hasSize(2);
        assertThat(entries).extracting(AuditEntry::id).containsOnly(id);
        assertThat(entries.get(0).phase()).isEqualTo(AuditEntry.Phase.intent);
        assertThat(entries.get(0).details()).containsEntry("timeout", "300s");
        assertThat(entries.get(1).result()).isEqualTo("timed-out");
        assertThat(entries.get(1).message()).isEqualTo("3 pods remain");
        assertThat(Files.readAllLines(log.file())).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("{\"time\""));
    }

    @Test
    void credentialsNeverReachTheLog() throws Exception {
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"));

        assertThatThrownBy(() -> log.intent("c", "u", "cordon", "node/n", Map.of("bearerToken", "abc")))
                .hasMessageContaining("must not hold credentials");
        assertThat(log.read()).isEmpty();
    }

    @Test
    void aLineCutShortByACrashIsSkippedAndTheLogGoesOn() throws Exception {
        AuditLog log = new AuditLog(dir.resolve("audit.jsonl"));
        log.intent("c", "u", "cordon", "node/n", Map.of());
        Files.writeString(log.file(), "{\"time\":\"2026-11-2", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        Files.writeString(log.file(), "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        log.intent("c", "u", "uncordon", "node/n", Map.of());

        assertThat(log.read()).extracting(AuditEntry::action).containsExactly("cordon", "uncordon");
    }

    @Test
    void theIntentIsOnDiskBeforeTheActionSoAKilledAppLeavesIt() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                AuditKillProbe.class.getName(), file.toString()).redirectErrorStream(true).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(Files.exists(file) && Files.size(file) > 0) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }

        List<AuditEntry> entries = new AuditLog(file).read();
        assertThat(entries).singleElement().satisfies(entry -> {
            assertThat(entry.phase()).isEqualTo(AuditEntry.Phase.intent);
            assertThat(entry.action()).isEqualTo("drain");
        });
    }
}
