package dev.gpufleet.views.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.actions.Capability;
import dev.gpufleet.core.actions.OperationException;
import dev.gpufleet.core.actions.Verdict;
import dev.gpufleet.core.exec.TaskExecutor;
import dev.gpufleet.core.rebalance.ApplyReport;
import dev.gpufleet.core.rebalance.Goal;
import dev.gpufleet.core.rebalance.Move;
import dev.gpufleet.core.rebalance.MoveEvent;
import dev.gpufleet.core.rebalance.MoveResult;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.actions.ProgressRow;
import dev.gpufleet.views.actions.ProgressRow.State;
import dev.gpufleet.views.rebalance.RebalanceViewModel.Phase;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class RebalanceViewModelTest {

    private final RebalanceFleet.Nodes nodes = new RebalanceFleet.Nodes();
    private final RebalanceFleet.Moves moves = new RebalanceFleet.Moves();
    private FleetSnapshot current = RebalanceFleet.fragmented();
    private final RebalanceViewModel model = new RebalanceViewModel(() -> current, nodes, moves, Runnable::run,
            Runnable::run);

    private Move onlyMove() {
        return model.plannedProperty().get().plan().moves().getFirst();
    }

    @Test
    void aPlanBecomesRowsAnEffectAndBeforeAfterAllocations() {
        model.plan();

        assertThat(model.phaseProperty().get()).isEqualTo(Phase.PLANNED);
        assertThat(model.contextProperty().get()).isEqualTo(RebalanceFleet.CONTEXT);
        assertThat(model.rows()).singleElement().satisfies(row -> {
            assertThat(row.step()).isEqualTo(1);
            assertThat(row.pod()).isIn("ml/a", "ml/b");
            assertThat(row.from()).endsWith("(4 GPUs)");
            assertThat(row.to()).isIn("n1", "n2");
            assertThat(row.risk()).isNotBlank();
            assertThat(row.budgets()).isEqualTo("none");
        });
        assertThat(model.effectProperty().get()).contains("1 move (4 GPUs)", "Frees 1 whole node",
                "1 pending job will fit: ml/big", "GPU-hours a day recovered");
        var planned = model.plannedProperty().get();
        Move move = onlyMove();
        assertThat(AllocationProjection.allocatedByNode(planned.before())).containsEntry(move.from(), 4);
        assertThat(AllocationProjection.allocatedByNode(planned.after())).containsEntry(move.from(), 0)
                .containsEntry(move.to(), 8);
        assertThat(planned.touchedNodes()).containsExactly(move.from(), move.to());
        assertThat(model.canApplyProperty().get()).isTrue();
    }

    @Test
    void theNewestPlanRequestWins() {
        Deque<Runnable> queued = new ArrayDeque<>();
        TaskExecutor later = queued::add;
        RebalanceViewModel slow = new RebalanceViewModel(() -> current, nodes, moves, later, Runnable::run);
        slow.plan();
        slow.goalProperty().set(Goal.EVACUATE);
        slow.plan();

        queued.removeLast().run();
        queued.removeFirst().run();
        queued.forEach(Runnable::run);

        assertThat(slow.plannedProperty().get().plan().options().goal()).isEqualTo(Goal.EVACUATE);
        assertThat(slow.rows()).isEmpty();
        assertThat(slow.effectProperty().get()).contains("Nothing to move for goal evacuate");
    }

    @Test
    void aPlanThatCannotBeMadeSaysWhyAndChangesNothing() {
        moves.budgetFailure = new OperationException(403, "Could not list the PodDisruptionBudgets: forbidden");

        model.plan();

        assertThat(model.phaseProperty().get()).isEqualTo(Phase.FAILED);
        assertThat(model.errorProperty().get()).contains("PodDisruptionBudgets", "forbidden");
        assertThat(model.canApplyProperty().get()).isFalse();
        assertThat(moves.started).isNull();
    }

    @Test
    void applyIsGatedByReadOnlyPermissionsAndTypedConfirmation() {
        nodes.readOnly = true;
        model.plan();
        assertThat(model.applyBlockedReasonProperty().get()).contains("read-only");

        nodes.readOnly = false;
        nodes.verdicts.put(Capability.EVICT_PODS, Verdict.deny("You may not create pods/eviction in lab."));
        model.plan();
        assertThat(model.applyBlockedReasonProperty().get()).isEqualTo("You may not create pods/eviction in lab.");

        nodes.verdicts.clear();
        nodes.verdicts.put(Capability.CHANGE_NODES, Verdict.deny("You may not patch nodes."));
        nodes.production = true;
        model.plan();
        assertThat(model.applyBlockedReasonProperty().get()).contains("marked production", "type its name (lab)");
        model.run().cordonSourcesProperty().set(true);
        assertThat(model.applyBlockedReasonProperty().get()).isEqualTo("You may not patch nodes.");
        model.run().cordonSourcesProperty().set(false);
        model.typedConfirmationProperty().set(" lab ");
        assertThat(model.canApplyProperty().get()).isTrue();
    }

    @Test
    void applyRunsTheSamePlanFollowsEachMoveAndPausesAndResumes() {
        model.plan();
        model.run().concurrencyProperty().set(3);
        model.run().cordonSourcesProperty().set(true);

        model.apply();

        assertThat(model.phaseProperty().get()).isEqualTo(Phase.APPLYING);
        Move move = onlyMove();
        assertThat(moves.started).containsExactly(move);
        assertThat(moves.concurrency).isEqualTo(3);
        assertThat(moves.cordon).isTrue();
        assertThat(model.progressRows()).singleElement().extracting(ProgressRow::state).isEqualTo(State.WAITING);
        moves.listener.accept(new MoveEvent.Starting(move));
        assertThat(model.progressRows().getFirst().state()).isEqualTo(State.EVICTING);
        model.run().pause();
        model.run().pause();
        model.run().resume();
        assertThat(moves.calls).containsExactly("pause", "resume");
        MoveResult landed = new MoveResult(move, MoveResult.Status.LANDED, move.to(), "replacement scheduled");
        moves.listener.accept(new MoveEvent.Finished(move, landed));
        moves.result.complete(new ApplyReport(List.of(landed), false, Duration.ofSeconds(3)));

        assertThat(model.phaseProperty().get()).isEqualTo(Phase.FINISHED);
        assertThat(model.progressRows().getFirst()).satisfies(row -> {
            assertThat(row.state()).isEqualTo(State.REPLACED);
            assertThat(row.detail()).contains("landed on " + move.to() + " as planned");
        });
        assertThat(model.statusProperty().get()).contains("1 of 1 move done (1 landed as planned)",
                "Cordoned sources stay cordoned");
        assertThat(model.canApplyProperty().get()).isFalse();
    }

    @Test
    void cancelStopsNewEvictionsAndSaysWhereEachMoveStopped() {
        model.plan();
        model.apply();
        Move move = onlyMove();
        moves.listener.accept(new MoveEvent.Starting(move));

        model.run().cancel();

        assertThat(moves.calls).containsExactly("cancel");
        assertThat(model.run().log()).anySatisfy(line -> assertThat(line).startsWith("Cancelling: no new evictions"));
        MoveResult stopped = new MoveResult(move, MoveResult.Status.STOPPED, null,
                "evicted; stopped while its replacement waited to be scheduled");
        moves.result.complete(new ApplyReport(List.of(stopped), true, Duration.ofSeconds(1)));
        assertThat(model.progressRows().getFirst()).satisfies(row -> {
            assertThat(row.state()).isEqualTo(State.STOPPED);
            assertThat(row.detail()).contains("stopped while its replacement waited");
        });
        assertThat(model.statusProperty().get()).startsWith("Cancelled: 0 done, 1 stopped in flight")
                .contains("Stopped before the end");
        assertThat(model.phaseProperty().get()).isEqualTo(Phase.FINISHED);
    }

    @Test
    void applyShowsANewPlanInsteadOfApplyingWhenTheClusterChanged() {
        model.plan();
        current = RebalanceFleet.withoutDemand();

        model.apply();

        assertThat(moves.started).isNull();
        assertThat(model.phaseProperty().get()).isEqualTo(Phase.PLANNED);
        assertThat(model.statusProperty().get()).contains("The plan changed since you looked", "1 move then, 0 moves now",
                "Nothing was changed");
        assertThat(model.rows()).isEmpty();
        assertThat(model.applyBlockedReasonProperty().get()).contains("Nothing to apply");
    }

    @Test
    void aRunThatCannotStartSaysSoAndEvictsNothing() {
        moves.startFailure = new IllegalStateException("the audit log cannot be written");
        model.plan();

        model.apply();

        assertThat(model.phaseProperty().get()).isEqualTo(Phase.FAILED);
        assertThat(model.errorProperty().get()).contains("did not start", "audit log", "Nothing was evicted");
        assertThat(model.run().runningProperty().get()).isFalse();
    }
}
