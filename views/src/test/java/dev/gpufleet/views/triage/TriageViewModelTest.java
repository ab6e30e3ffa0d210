package dev.gpufleet.views.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.triage.NodeEvent;
import dev.gpufleet.core.triage.Triage;
import dev.gpufleet.core.triage.TriageThresholds;
import dev.gpufleet.core.triage.Verdict;
import dev.gpufleet.core.triage.XidHistory;
import dev.gpufleet.core.triage.XidRecord;
import dev.gpufleet.views.TestFleets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The triage view model over real [Triage#of] reports of the test fleet's failing GPU
/// (XID 79 and double-bit ECC errors on prod-east's node 1, GPU 2).
class TriageViewModelTest {

    private static final String CLUSTER = "prod-east";
    private static final String NODE = TestFleets.nodeName(CLUSTER, 1);
    private static final Instant NOW = TestFleets.T0.plusSeconds(5);

    @TempDir
    Path dir;

    private final List<Optional<Integer>> asked = new ArrayList<>();

    private static NodeSnapshot node() {
        return TestFleets.demo(1, 0).cluster(CLUSTER).orElseThrow().node(NODE).orElseThrow();
    }

    private static XidHistory history() {
        String uuid = TestFleets.uuid(NODE, 2);
        return new XidHistory(Map.of(uuid, List.of(
                new XidRecord(79, TestFleets.T0.minusSeconds(600), TestFleets.T0, 1),
                new XidRecord(4242, TestFleets.T0.minusSeconds(3600), TestFleets.T0.minusSeconds(1800), 2))));
    }

    private static final List<NodeEvent> EVENTS = List.of(new NodeEvent("Warning", "XidError",
            "GPU 2 reported XID 79", "gpu-monitor", 1, TestFleets.T0.minusSeconds(600), TestFleets.T0));

    private final TriageSource realTriage = (cluster, node, gpu) -> {
        asked.add(gpu);
        return CompletableFuture.completedFuture(TriageResult.of(
                Triage.of(node(), gpu, history(), EVENTS, TriageThresholds.defaults(), NOW)));
    };

    @Test
    void theFailingGpuShowsFailingWithItsEvidenceAndDecodedXids() {
        TriageViewModel model = new TriageViewModel(realTriage, Runnable::run, CLUSTER, NODE, Optional.of(2));

        model.refresh();

        assertThat(model.verdictProperty().get()).isEqualTo(Verdict.FAILING);
        assertThat(model.verdictTextProperty().get()).isEqualTo("FAILING");
        assertThat(model.titleProperty().get()).isEqualTo("Triage — prod-east / " + NODE + " / GPU 2");
        assertThat(model.actionProperty().get()).isNotEmpty()
                .isEqualTo(capitalised(model.reportProperty().get().action().description()));
        assertThat(model.evidence()).isNotEmpty();
        assertThat(model.evidence().getFirst().severity()).isEqualTo("failing");
        assertThat(model.evidence()).extracting(TriageRows.EvidenceRow::what)
                .anySatisfy(what -> assertThat(what).contains("XID 79"));
        assertThat(model.evidence()).extracting(TriageRows.EvidenceRow::gpu).contains("GPU 2");
        assertThat(model.xids()).extracting(TriageRows.XidRow::code).containsExactly(79, 4242);
        assertThat(model.xids().get(0).meaning()).isEqualTo("GPU has fallen off the bus");
        assertThat(model.xids().get(1).meaning()).contains("unknown");
        assertThat(model.xids().get(1).count()).isEqualTo(2);
        assertThat(model.xids().get(0).detail()).contains("What to do: ");
        assertThat(model.xids().get(1).detail()).contains("does not know XID 4242");
        assertThat(model.events()).extracting(TriageRows.EventRow::reason).containsExactly("XidError");
        assertThat(model.conditions()).isNotNull();
        assertThat(model.pods()).isEqualTo(model.reportProperty().get().pods());
        assertThat(model.loadingProperty().get()).isFalse();
        assertThat(model.markdown()).hasValueSatisfying(text -> assertThat(text).contains("failing"));
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    @Test
    void aHealthyGpuIsHealthyWithNothingToDo() {
        TriageViewModel model = new TriageViewModel(realTriage, Runnable::run, CLUSTER, NODE, Optional.of(0));

        model.refresh();

        assertThat(model.verdictProperty().get()).isEqualTo(Verdict.HEALTHY);
        assertThat(model.reasonProperty().get()).isEqualTo("Nothing calls for attention");
        assertThat(model.xids()).isEmpty();
    }

    @Test
    void wholeNodeAsksForTheNodeAndBack() {
        TriageViewModel model = new TriageViewModel(realTriage, Runnable::run, CLUSTER, NODE, Optional.of(2));
        model.refresh();

        model.wholeNodeProperty().set(true);

        assertThat(asked).containsExactly(Optional.of(2), Optional.empty());
        assertThat(model.titleProperty().get()).isEqualTo("Triage — prod-east / " + NODE);
        assertThat(model.reportProperty().get().gpu()).isNull();
        assertThat(model.reportProperty().get().gpus()).hasSize(8);
        assertThat(model.verdictProperty().get()).isEqualTo(Verdict.FAILING);
        assertThat(model.suggestedFileName()).isEqualTo("triage-" + NODE + ".json");
    }

    @Test
    void anAnswerOvertakenByANewerQuestionIsDropped() {
        List<CompletableFuture<TriageResult>> pending = new ArrayList<>();
        TriageViewModel model = new TriageViewModel((cluster, node, gpu) -> {
            CompletableFuture<TriageResult> answer = new CompletableFuture<>();
            pending.add(answer);
            return answer;
        }, Runnable::run, CLUSTER, NODE, Optional.of(0));
        model.refresh();
        model.refresh();

        pending.get(1).complete(realTriage.triage(CLUSTER, NODE, Optional.of(2)).join());
        pending.get(0).complete(realTriage.triage(CLUSTER, NODE, Optional.of(0)).join());

        assertThat(model.verdictProperty().get()).isEqualTo(Verdict.FAILING);
        assertThat(model.loadingProperty().get()).isFalse();
    }

    @Test
    void aFailureAndNotesAreShownForPeople() {
        TriageViewModel failing = new TriageViewModel((cluster, node, gpu) ->
                CompletableFuture.failedFuture(new IllegalArgumentException("node gone")),
                Runnable::run, CLUSTER, NODE, Optional.empty());
        failing.refresh();
        assertThat(failing.messageProperty().get()).isEqualTo("Triage failed: node gone");
        assertThat(failing.verdictProperty().get()).isNull();
        assertThat(failing.markdown()).isEmpty();
        assertThat(failing.saveJson(dir.resolve("x.json"))).isPresent();

        TriageViewModel noted = new TriageViewModel((cluster, node, gpu) -> CompletableFuture.completedFuture(
                new TriageResult(realTriage.triage(cluster, node, gpu).join().report(),
                        List.of("Without the node's events: forbidden."))), Runnable::run, CLUSTER, NODE,
                Optional.of(2));
        noted.refresh();
        assertThat(noted.messageProperty().get()).isEqualTo("Without the node's events: forbidden.");
    }

    @Test
    void theJsonExportIsTheCoreReportsJson() throws Exception {
        TriageViewModel model = new TriageViewModel(realTriage, Runnable::run, CLUSTER, NODE, Optional.of(2));
        model.refresh();
        Path file = dir.resolve(model.suggestedFileName());

        assertThat(model.saveJson(file)).isEmpty();

        String json = Files.readString(file);
        assertThat(json).contains("\"verdict\"").contains("failing").contains("79");
        assertThat(model.saveJson(dir.resolve("missing-dir").resolve("x.json")))
                .hasValueSatisfying(problem -> assertThat(problem).contains("could not be saved"));
    }
}
