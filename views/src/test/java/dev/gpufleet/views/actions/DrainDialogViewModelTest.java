package dev.gpufleet.views.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.actions.OperationException;
import dev.gpufleet.core.drain.DrainEvent;
import dev.gpufleet.core.drain.DrainOptions.GpuScope;
import dev.gpufleet.core.drain.DrainReport;
import dev.gpufleet.core.exec.CurrentThreadTaskExecutor;
import dev.gpufleet.views.actions.DrainDialogViewModel.Phase;
import dev.gpufleet.views.actions.ProgressRow.State;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/// The drain dialog's model without a window: preview rows from a real plan, gating, progress
/// rows from drain events, cancel and the summary.
class DrainDialogViewModelTest {

    private final FakeOperations cluster = new FakeOperations();

    private DrainDialogViewModel open(GpuScope scope) {
        DrainDialogViewModel model = new DrainDialogViewModel(cluster, "lab", FakeOperations.NODE,
                List.of(GpuScope.wholeNode(), GpuScope.gpu(3), GpuScope.gpu(5), GpuScope.migInstance(5, 2)), scope,
                new CurrentThreadTaskExecutor(), Runnable::run);
        model.replan();
        return model;
    }

    @Test
    void thePreviewListsPodsByKindWithTheirGpusTheSkippedWithWhyAndTheHoldingBudget() {
        DrainDialogViewModel model = open(GpuScope.wholeNode());

        assertThat(model.phaseProperty().get()).isEqualTo(Phase.PREVIEW);
        assertThat(model.previewRows()).extracting(PreviewRow::pod, PreviewRow::kind, PreviewRow::gpus)
                .contains(org.assertj.core.groups.Tuple.tuple("ml/trainer-0", "Job", "GPU 3"),
                        org.assertj.core.groups.Tuple.tuple("inference/vllm-7d9-abc", "ReplicaSet", "GPU 5 MIG 2"));
        assertThat(model.previewRows()).filteredOn(row -> row.pod().equals("gpu-operator/dcgm-exporter-x"))
                .singleElement().extracting(PreviewRow::action).asString().contains("DaemonSet");
        assertThat(model.previewRows()).filteredOn(PreviewRow::blocking).extracting(PreviewRow::pod)
                .containsExactly("ml/debug-shell");
        assertThat(model.summaryProperty().get()).contains("Evict 2 pods").contains("1 Job").contains("1 ReplicaSet")
                .contains("1 skipped").contains("1 pod needs your permission");
        assertThat(model.budgetRows()).singleElement().satisfies(budget -> {
            assertThat(budget.name()).isEqualTo("ml/trainer-pdb");
            assertThat(budget.disruptionsAllowed()).isZero();
            assertThat(budget.holds()).isTrue();
        });
    }

    @Test
    void aPodThatNeedsForceKeepsTheDrainFromStartingUntilForceIsTicked() {
        DrainDialogViewModel model = open(GpuScope.wholeNode());
        assertThat(model.canStartProperty().get()).isFalse();
        assertThat(model.startBlockedReasonProperty().get()).contains("Force");

        model.forceProperty().set(true);

        assertThat(model.planProperty().get().options().force()).isTrue();
        assertThat(model.previewRows()).noneMatch(PreviewRow::blocking);
        assertThat(model.canStartProperty().get()).isTrue();
    }

    @Test
    void openedFromAGpuOnlyThatGpusPodsGo() {
        DrainDialogViewModel model = open(GpuScope.gpu(3));

        assertThat(model.planProperty().get().removals()).extracting(p -> p.pod().name()).containsExactly("trainer-0");
        assertThat(model.canStartProperty().get()).isTrue();
        model.scopeProperty().set(GpuScope.migInstance(5, 2));
        assertThat(model.planProperty().get().removals()).extracting(p -> p.pod().name()).containsExactly("vllm-7d9-abc");
    }

    @Test
    void onAProductionContextTheNodesNameMustBeTyped() {
        cluster.production = true;
        DrainDialogViewModel model = open(GpuScope.gpu(3));

        assertThat(model.confirmationRequiredProperty().get()).isTrue();
        assertThat(model.canStartProperty().get()).isFalse();
        assertThat(model.startBlockedReasonProperty().get()).contains("production").contains(FakeOperations.NODE);
        model.typedConfirmationProperty().set("gpu-h100-a-00");
        assertThat(model.canStartProperty().get()).isFalse();
        model.start();
        assertThat(cluster.started).isNull();

        model.typedConfirmationProperty().set(FakeOperations.NODE);
        assertThat(model.canStartProperty().get()).isTrue();
        model.typedConfirmationProperty().set("");
        model.dryRunProperty().set(true);
        assertThat(model.confirmationRequiredProperty().get()).isFalse();
        assertThat(model.canStartProperty().get()).isTrue();
    }

    @Test
    void progressRowsFollowTheDrainsEventsAndTheSummarySaysTheNodesState() {
        DrainDialogViewModel model = open(GpuScope.wholeNode());
        model.forceProperty().set(true);
        model.timeoutSecondsProperty().set(120);
        model.start();

        assertThat(cluster.started.options().timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(model.phaseProperty().get()).isEqualTo(Phase.RUNNING);
        assertThat(model.progressRows()).extracting(ProgressRow::state).containsOnly(State.WAITING);
        cluster.listener.accept(new DrainEvent.Cordoned(FakeOperations.NODE, false));
        cluster.listener.accept(new DrainEvent.Evicted(FakeOperations.VLLM));
        cluster.listener.accept(new DrainEvent.EvictionBlocked(FakeOperations.TRAINER,
                "Cannot evict pod as it would violate the pod's disruption budget.", 3, Duration.ofSeconds(5)));
        cluster.listener.accept(new DrainEvent.PodGone(FakeOperations.VLLM, true));
        cluster.listener.accept(new DrainEvent.EvictionFailed(FakeOperations.DEBUG, "403 Forbidden: you may not evict"));

        assertThat(model.log()).anySatisfy(line -> assertThat(line).contains("cordoned"));
        assertThat(row(model, "ml/trainer-0")).satisfies(row -> {
            assertThat(row.state()).isEqualTo(State.HELD_BACK);
            assertThat(row.detail()).contains("PDB ml/trainer-pdb").contains("attempt 3").contains("retrying in 5 s");
        });
        assertThat(row(model, "inference/vllm-7d9-abc").state()).isEqualTo(State.REPLACED);
        assertThat(row(model, "ml/debug-shell")).satisfies(row -> {
            assertThat(row.state()).isEqualTo(State.FAILED);
            assertThat(row.detail()).contains("403");
        });

        cluster.listener.accept(new DrainEvent.PodGone(FakeOperations.TRAINER, false));
        cluster.result.complete(new DrainReport(FakeOperations.NODE, DrainReport.Outcome.FAILED,
                List.of("ml/trainer-0", "inference/vllm-7d9-abc"), List.of("ml/debug-shell"), "1 pod could not be evicted",
                Duration.ofSeconds(9)));

        assertThat(row(model, "ml/trainer-0").state()).isEqualTo(State.GONE);
        assertThat(model.phaseProperty().get()).isEqualTo(Phase.FINISHED);
        assertThat(model.summaryProperty().get()).isEqualTo("1 pod could not be evicted");
        assertThat(model.nodeStateProperty().get()).contains("cordoned").contains("2 pods gone, 1 remaining");
    }

    @Test
    void cancelStopsTheDrainAndSaysTheNodeStaysCordoned() {
        DrainDialogViewModel model = open(GpuScope.gpu(3));
        model.start();

        model.cancel();
        cluster.result.complete(new DrainReport(FakeOperations.NODE, DrainReport.Outcome.CANCELLED, List.of(),
                List.of("ml/trainer-0"), "cancelled", Duration.ofSeconds(2)));

        assertThat(cluster.cancelled).isTrue();
        assertThat(model.log()).anySatisfy(line -> assertThat(line).contains("stays cordoned"));
        assertThat(model.nodeStateProperty().get()).contains("stays cordoned").contains("Uncordon");
    }

    @Test
    void aPlanTheServerRefusesIsShownWithItsMeaningAndNothingCanStart() {
        cluster.planFailure = new OperationException(403, "You may not evict pods (drain) in context \"lab\": user "
                + "\"viewer\" lacks create pods/eviction. Ask a cluster admin for a role that allows it.");
        DrainDialogViewModel model = open(GpuScope.wholeNode());

        assertThat(model.phaseProperty().get()).isEqualTo(Phase.FAILED);
        assertThat(model.errorProperty().get()).contains("create pods/eviction").contains("viewer");
        assertThat(model.canStartProperty().get()).isFalse();
    }

    @Test
    void theListsAViewBindsStayTheSameSoTheirWeakListenersLive() {
        DrainDialogViewModel model = open(GpuScope.wholeNode());

        assertThat(model.budgetRows()).isSameAs(model.budgetRows());
        assertThat(model.previewRows()).isSameAs(model.previewRows());
        assertThat(model.progressRows()).isSameAs(model.progressRows());
        assertThat(model.log()).isSameAs(model.log());
    }

    private static ProgressRow row(DrainDialogViewModel model, String pod) {
        return model.progressRows().stream().filter(r -> r.pod().equals(pod)).findFirst().orElseThrow();
    }
}
