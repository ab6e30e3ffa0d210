package dev.gpufleet.core.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodScheduling;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/// The plan as `rebalance plan --format json` writes it, and how an applied plan is summed up.
class RebalancePlanJsonTest {

    private static final PodRecord POD = new PodRecord("ml", "train-7", "n1", "Running", new OwnerRef("Job", "train"),
            Map.of("nvidia.com/gpu", 2L), PodScheduling.NONE, false, null);
    private static final Move MOVE = new Move(1, POD, "n1", "n4", "makes room on n1 for ml/big",
            new Risk(0, Risk.Level.HIGH, List.of("ml/train-pdb"), List.of("restarts a Job")), "ml/big");

    @Test
    void movesEffectAndBudgetsAreWritten() throws Exception {
        RebalancePlan plan = new RebalancePlan(RebalanceOptions.of(Goal.DEFRAG).withMaxMoves(5), List.of(MOVE),
                List.of(new LeftBehind(POD, "n2", "its budget allows no more")),
                new Effect(List.of("n1"), List.of("ml/big"), 2, 10, 3), true);
        StringWriter text = new StringWriter();

        RebalancePlanJson.write(plan, new PrintWriter(text));

        JsonNode json = new ObjectMapper().readTree(text.toString());
        assertThat(json.path("goal").asText()).isEqualTo("defrag");
        assertThat(json.path("maxMoves").asInt()).isEqualTo(5);
        assertThat(json.path("moveLimitReached").asBoolean()).isTrue();
        JsonNode move = json.path("moves").get(0);
        assertThat(move.path("pod").asText()).isEqualTo("ml/train-7");
        assertThat(move.path("owner").asText()).isEqualTo("Job/train");
        assertThat(move.path("gpus").asLong()).isEqualTo(2);
        assertThat(move.path("to").asText()).isEqualTo("n4");
        assertThat(move.path("makesRoomFor").asText()).isEqualTo("ml/big");
        assertThat(move.path("risk").path("level").asText()).isEqualTo("high");
        assertThat(move.path("risk").path("budgets").get(0).asText()).isEqualTo("ml/train-pdb");
        assertThat(json.path("leftBehind").get(0).path("reason").asText()).contains("budget");
        assertThat(json.path("effect").path("strandedBefore").asLong()).isEqualTo(10);
        assertThat(json.path("effect").path("strandedAfter").asLong()).isEqualTo(3);
        assertThat(json.path("effect").path("strandedGpuHoursRecoveredPerDay").asDouble()).isEqualTo(168.0);
        assertThat(json.path("budgets").path("ml/train-pdb").asInt()).isEqualTo(1);
    }

    @Test
    void anApplyReportCountsWhatWasDoneAndWhatWasNot() {
        Move second = new Move(2, POD, "n2", "n4", "r", MOVE.risk(), null);
        ApplyReport report = new ApplyReport(List.of(
                new MoveResult(MOVE, MoveResult.Status.LANDED, "n4", "scheduled on n4 as planned"),
                new MoveResult(second, MoveResult.Status.BLOCKED, null, "held back by ml/train-pdb")), true,
                Duration.ofSeconds(3));

        assertThat(report.done()).isEqualTo(1);
        assertThat(report.succeeded()).isFalse();
        assertThat(report.results().getFirst().landedAsPlanned()).isTrue();
        assertThat(report.summary()).startsWith("1 of 2 moves done (1 landed as planned); 1 blocked.")
                .contains("Stopped before the end");
    }
}
