package dev.gpufleet.views.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.audit.AuditEntry;
import dev.gpufleet.core.audit.AuditLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The audit viewer's model over a real [AuditLog]: newest first, an intent without an outcome
/// marked, a filter of words, and an unreadable log explained.
class AuditViewModelTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;

    private AuditViewModel modelOver(AuditLog log) {
        return new AuditViewModel(() -> {
            try {
                return CompletableFuture.completedFuture(log.read());
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }, Runnable::run);
    }

    private AuditLog writeLog() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        AuditLog first = new AuditLog(file, Clock.fixed(T0, ZoneOffset.UTC));
        String cordon = first.intent("prod", "alice", "cordon", "node/gpu-1", Map.of());
        first.outcome(cordon, "prod", "alice", "cordon", "node/gpu-1", "ok", "node/gpu-1 cordoned", Map.of());
        AuditLog later = new AuditLog(file, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
        String drain = later.intent("staging", "bob", "drain", "node/gpu-7", Map.of("force", "false"));
        later.outcome(drain, "staging", "bob", "drain", "node/gpu-7", "failed", "PDB train-pdb blocks eviction",
                Map.of());
        new AuditLog(file, Clock.fixed(T0.plusSeconds(120), ZoneOffset.UTC))
                .intent("prod", "alice", "drain", "node/gpu-2", Map.of());
        return first;
    }

    @Test
    void entriesShowNewestFirstAndAnUnfinishedActionIsMarked() throws Exception {
        AuditViewModel model = modelOver(writeLog());

        model.refresh();

        assertThat(model.rows()).extracting(AuditRow::target)
                .containsExactly("node/gpu-2", "node/gpu-7", "node/gpu-7", "node/gpu-1", "node/gpu-1");
        assertThat(model.rows()).extracting(AuditRow::result)
                .containsExactly("no outcome", "failed", "intent", "ok", "intent");
        assertThat(model.rows().get(1).message()).isEqualTo("PDB train-pdb blocks eviction");
        assertThat(model.rows().get(2).message()).isEqualTo("force=false");
        assertThat(model.rows().getLast().time()).isEqualTo("2026-11-25 10:00:00 UTC");
        assertThat(model.statusProperty().get()).isEqualTo("5 of 5 entries");
    }

    @Test
    void theFilterKeepsRowsHoldingEveryWord() throws Exception {
        AuditViewModel model = modelOver(writeLog());
        model.refresh();

        model.filterProperty().set("DRAIN  prod");
        assertThat(model.rows()).extracting(AuditRow::target).containsExactly("node/gpu-2");

        model.filterProperty().set("failed");
        assertThat(model.rows()).extracting(AuditRow::user).containsExactly("bob");
        assertThat(model.statusProperty().get()).isEqualTo("1 of 5 entries");

        model.filterProperty().set("");
        assertThat(model.rows()).hasSize(5);
    }

    @Test
    void refreshReadsWhatWasAddedSince() throws Exception {
        AuditLog log = writeLog();
        AuditViewModel model = modelOver(log);
        model.refresh();

        log.intent("prod", "carol", "uncordon", "node/gpu-1", Map.of());
        model.refresh();

        assertThat(model.rows()).hasSize(6);
        assertThat(model.rows()).extracting(AuditRow::user).contains("carol");
    }

    @Test
    void anEmptyOrUnreadableLogIsExplained() {
        AuditViewModel empty = modelOver(new AuditLog(dir.resolve("none.jsonl")));
        empty.refresh();
        assertThat(empty.rows()).isEmpty();
        assertThat(empty.statusProperty().get()).contains("No cluster-changing action");

        AuditViewModel broken = new AuditViewModel(
                () -> CompletableFuture.failedFuture(new IOException("permission denied")), Runnable::run);
        broken.refresh();
        assertThat(broken.statusProperty().get()).isEqualTo("The audit log could not be read: permission denied");
        assertThat(broken.loadingProperty().get()).isFalse();
    }

    @Test
    void anOutcomeWithoutResultStillShows() {
        List<AuditRow> rows = AuditViewModel.rowsOf(List.of(new AuditEntry(T0, "x", AuditEntry.Phase.outcome,
                "prod", "alice", "cordon", "node/a", Map.of(), null, null)));
        assertThat(rows).extracting(AuditRow::result).containsExactly("outcome");
    }
}
