package dev.gpufleet.views.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.actions.DiagnosticProgress;
import dev.gpufleet.core.actions.NodeDiagnostics;
import dev.gpufleet.core.actions.OperationException;
import dev.gpufleet.core.actions.Verdict;
import dev.gpufleet.core.exec.CurrentThreadTaskExecutor;
import dev.gpufleet.core.triage.DiagnosticReport;
import dev.gpufleet.core.triage.DiagnosticReport.Result;
import dev.gpufleet.core.triage.DiagnosticReport.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/// "Run DCGM diagnostics" without a window: refused with the reason, progress step by step,
/// the result per test and GPU, its failures in the triage's evidence, cancel, and a failure
/// said in words.
class DiagnosticsViewModelTest {

    private static final String NODE = "gpu-a100-a-001";
    private static final DiagnosticReport FAILING = new DiagnosticReport(NODE, 2, "3.3.8", List.of(
            new DiagnosticReport.Test("Deployment", "Blacklist", List.of(new Result(-1, Status.PASS, ""))),
            new DiagnosticReport.Test("Hardware", "Memory", List.of(new Result(0, Status.PASS, ""),
                    new Result(1, Status.FAIL, "GPU 1 had uncorrectable memory errors (DBE)."))),
            new DiagnosticReport.Test("Integration", "PCIe", List.of(new Result(0, Status.WARN, "PCIe replays 12")))));

    /// A cluster whose diagnostics the test drives.
    private static final class FakeDiagnostics implements NodeDiagnostics {
        Verdict verdict = Verdict.allow();
        OperationException refusal;
        final List<String> started = new ArrayList<>();
        Consumer<DiagnosticProgress> listener;
        final CompletableFuture<DiagnosticReport> result = new CompletableFuture<>();
        boolean cancelled;

        @Override
        public String namespace() {
            return "gpu-diag";
        }

        @Override
        public Verdict check(String context) {
            return verdict;
        }

        @Override
        public DiagnosticRun start(String context, String node, int level, Consumer<DiagnosticProgress> progress)
                throws OperationException {
            if (refusal != null) {
                throw refusal;
            }
            started.add(context + "/" + node + " -r " + level);
            listener = progress;
            return new DiagnosticRun() {
                @Override
                public CompletableFuture<DiagnosticReport> result() {
                    return result;
                }

                @Override
                public void cancel() {
                    cancelled = true;
                    result.completeExceptionally(new CancellationException("cancelled"));
                }
            };
        }
    }

    private final FakeDiagnostics cluster = new FakeDiagnostics();
    private final DiagnosticsViewModel model = new DiagnosticsViewModel(cluster, new CurrentThreadTaskExecutor(),
            Runnable::run, "lab", NODE);

    @Test
    void aDeniedUserSeesWhyAndCannotRun() {
        cluster.verdict = Verdict.deny("user \"viewer\" lacks create jobs.batch in namespace gpu-diag");
        assertThat(model.canRunProperty().get()).as("not before the answer").isFalse();

        model.checkPermission();
        model.run();

        assertThat(model.blockedProperty().get()).contains("lacks create jobs.batch in namespace gpu-diag");
        assertThat(model.canRunProperty().get()).isFalse();
        assertThat(cluster.started).isEmpty();
    }

    @Test
    void aRunShowsEachStepThenTheResultAndFeedsTheEvidence() {
        TriageViewModel triage = new TriageViewModel((c, n, g) -> new CompletableFuture<>(), Runnable::run, "lab", NODE,
                Optional.empty());
        model.feedEvidence(triage::setDiagnosticEvidence);
        model.checkPermission();
        model.levelProperty().set(DiagnosticsViewModel.LEVELS.get(1));

        model.run();
        assertThat(cluster.started).containsExactly("lab/" + NODE + " -r 2");
        assertThat(model.runningProperty().get()).isTrue();
        assertThat(model.canRunProperty().get()).isFalse();
        assertThat(model.progressProperty().get()).contains("Creating the Job (dcgmi diag -r 2) in namespace gpu-diag");
        cluster.listener.accept(new DiagnosticProgress(DiagnosticProgress.Step.JOB_CREATED, "gpu-diag/diag-x"));
        assertThat(model.progressProperty().get()).isEqualTo("Job created: gpu-diag/diag-x…");
        cluster.listener.accept(new DiagnosticProgress(DiagnosticProgress.Step.POD_RUNNING, "diag-x-abc"));
        assertThat(model.progressProperty().get()).isEqualTo("Pod running: diag-x-abc…");

        cluster.result.complete(FAILING);

        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.progressProperty().get()).isEmpty();
        assertThat(model.summaryProperty().get()).isEqualTo("DCGM 3.3.8, level 2: fail — failing GPU 1");
        assertThat(model.results()).hasSize(4).contains(new DiagnosticsViewModel.ResultRow("Hardware", "Memory", "GPU 1",
                "fail", "GPU 1 had uncorrectable memory errors (DBE)."),
                new DiagnosticsViewModel.ResultRow("Deployment", "Blacklist", "node", "pass", ""));
        assertThat(triage.evidence()).extracting(TriageRows.EvidenceRow::severity, TriageRows.EvidenceRow::gpu,
                TriageRows.EvidenceRow::source).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("failing", "GPU 1", "dcgm-diag -r 2"),
                        org.assertj.core.groups.Tuple.tuple("watch", "GPU 0", "dcgm-diag -r 2"));
        assertThat(model.canRunProperty().get()).as("may run again").isTrue();
    }

    @Test
    void cancelStopsTheRunAndSaysTheJobIsGone() {
        model.checkPermission();
        model.run();

        model.cancel();

        assertThat(cluster.cancelled).isTrue();
        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.summaryProperty().get()).contains("Cancelled").contains("Job and pod were deleted");
        assertThat(model.results()).isEmpty();
    }

    @Test
    void aRefusedStartIsSaidInWords() {
        model.checkPermission();
        cluster.refusal = new OperationException(0, "the audit log /x cannot be written, so nothing was done.");

        model.run();

        assertThat(model.runningProperty().get()).isFalse();
        assertThat(model.summaryProperty().get()).isEqualTo(
                "The diagnostic did not finish: the audit log /x cannot be written, so nothing was done.");
    }
}
