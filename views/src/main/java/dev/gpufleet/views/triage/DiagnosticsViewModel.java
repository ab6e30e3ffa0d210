package dev.gpufleet.views.triage;

import dev.gpufleet.core.actions.DiagnosticProgress;
import dev.gpufleet.core.actions.NodeDiagnostics;
import dev.gpufleet.core.actions.NodeDiagnostics.DiagnosticRun;
import dev.gpufleet.core.actions.Verdict;
import dev.gpufleet.core.exec.TaskExecutor;
import dev.gpufleet.core.triage.DiagnosticReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/// "Run DCGM diagnostics" in the triage panel: the level (`-r 1` to `-r 4`, each with its
/// expected duration), whether the user may run it (read-only and `create jobs.batch` in the
/// diagnostics namespace, asked off the FX thread; a refusal says why), the progress (Job
/// created → pod running → result) with cancel, and the result per test and GPU with DCGM's
/// messages. Failed and warning results go to the triage's evidence. Knows no `Node`.
public final class DiagnosticsViewModel {

    /// A diagnostic level and what it costs, for the chooser.
    public record Level(int level, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    /// The levels DCGM offers, with DCGM's own estimates of how long each takes.
    public static final List<Level> LEVELS = List.of(new Level(1, "-r 1 quick (about a minute)"),
            new Level(2, "-r 2 medium (about 2 minutes)"), new Level(3, "-r 3 long (about 30 minutes)"),
            new Level(4, "-r 4 extended (1 to 2 hours)"));

    /// One test's result on one GPU (`gpu` is `node` for a test of the node as a whole).
    public record ResultRow(String category, String test, String gpu, String status, String message) {
    }

    private final NodeDiagnostics diagnostics;
    private final TaskExecutor background;
    private final Executor fx;
    private final String cluster;
    private final String node;
    private final ObjectProperty<Level> level = new SimpleObjectProperty<>(this, "level", LEVELS.getFirst());
    private final ReadOnlyStringWrapper blocked = new ReadOnlyStringWrapper(this, "blocked", "checking your permissions…");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyObjectWrapper<@Nullable DiagnosticReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ObservableList<ResultRow> results = FXCollections.observableArrayList();
    private final BooleanBinding canRun;
    private Consumer<List<TriageRows.EvidenceRow>> evidence = rows -> { };
    private @Nullable DiagnosticRun current;

    /// Diagnostics of `node` in `cluster`; answers are applied through `fx`.
    public DiagnosticsViewModel(NodeDiagnostics diagnostics, TaskExecutor background, Executor fx, String cluster,
            String node) {
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.cluster = cluster;
        this.node = node;
        this.canRun = Bindings.createBooleanBinding(() -> blocked.get().isEmpty() && !running.get(), blocked, running);
    }

    /// Where failed and warning results go as evidence rows (the triage's evidence table).
    public void feedEvidence(Consumer<List<TriageRows.EvidenceRow>> sink) {
        this.evidence = Objects.requireNonNull(sink, "sink");
    }

    /// Asks whether the user may run diagnostics here; call on the FX thread.
    public void checkPermission() {
        blocked.set("checking your permissions…");
        background.supply(() -> diagnostics.check(cluster)).whenComplete((verdict, failure) -> fx.execute(() ->
                blocked.set(verdict == null ? "could not ask the API server: " + messageOf(failure)
                        : verdict.allowed() ? "" : verdict.reason())));
    }

    /// Starts the chosen level on the node; call on the FX thread. Does nothing unless [#canRunProperty].
    public void run() {
        if (!canRun.get()) {
            return;
        }
        int chosen = level.get().level();
        running.set(true);
        results.clear();
        report.set(null);
        summary.set("");
        progress.set("Creating the Job (dcgmi diag -r " + chosen + ") in namespace " + diagnostics.namespace() + "…");
        background.supply(() -> diagnostics.start(cluster, node, chosen, step -> fx.execute(() -> showStep(step))))
                .whenComplete((run, failure) -> fx.execute(() -> started(run, failure)));
    }

    private void started(@Nullable DiagnosticRun run, @Nullable Throwable failure) {
        if (run == null) {
            finish(null, failure);
            return;
        }
        current = run;
        run.result().whenComplete((done, problem) -> fx.execute(() -> finish(done, problem)));
    }

    private void showStep(DiagnosticProgress step) {
        if (running.get()) {
            progress.set(capitalised(step.describe()) + "…");
        }
    }

    /// Stops the run: the Job and its pod are deleted; the outcome is audited as cancelled.
    public void cancel() {
        DiagnosticRun run = current;
        if (run != null && running.get()) {
            progress.set("Cancelling: deleting the Job…");
            run.cancel();
        }
    }

    private void finish(@Nullable DiagnosticReport done, @Nullable Throwable failure) {
        running.set(false);
        current = null;
        progress.set("");
        if (done != null) {
            show(done);
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        summary.set(cause instanceof CancellationException
                ? "Cancelled: the diagnostic's Job and pod were deleted; nothing else changed."
                : "The diagnostic did not finish: " + messageOf(cause));
    }

    private void show(DiagnosticReport done) {
        report.set(done);
        List<ResultRow> rows = new ArrayList<>();
        List<TriageRows.EvidenceRow> found = new ArrayList<>();
        for (DiagnosticReport.Test test : done.tests()) {
            for (DiagnosticReport.Result result : test.results()) {
                String gpu = result.gpu() < 0 ? "node" : "GPU " + result.gpu();
                rows.add(new ResultRow(test.category(), test.name(), gpu, status(result.status()), result.message()));
                if (result.status() == DiagnosticReport.Status.FAIL || result.status() == DiagnosticReport.Status.WARN) {
                    found.add(new TriageRows.EvidenceRow(result.status() == DiagnosticReport.Status.FAIL ? "failing"
                            : "watch", gpu, "DCGM diagnostic " + test.name() + ": " + status(result.status()),
                            result.message(), "", "dcgm-diag -r " + done.level()));
                }
            }
        }
        results.setAll(rows);
        List<Integer> failing = done.failingGpus();
        summary.set("DCGM " + done.dcgmVersion() + ", level " + done.level() + ": " + status(done.overall())
                + (failing.isEmpty() ? "" : " — failing GPU" + (failing.size() == 1 ? " " : "s ")
                + String.join(", ", failing.stream().map(String::valueOf).toList())));
        evidence.accept(List.copyOf(found));
    }

    private static String status(DiagnosticReport.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String messageOf(@Nullable Throwable failure) {
        if (failure == null) {
            return "unknown error";
        }
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }

    public ObjectProperty<Level> levelProperty() {
        return level;
    }

    /// Why the diagnostics cannot be run now (read-only, a missing permission, still checking); empty when they can.
    public ReadOnlyStringProperty blockedProperty() {
        return blocked.getReadOnlyProperty();
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /// The step the run is at, e.g. `Pod running: …`; empty when none is running.
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /// The last run's overall status with the failing GPUs, or why it did not finish.
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<@Nullable DiagnosticReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ObservableList<ResultRow> results() {
        return FXCollections.unmodifiableObservableList(results);
    }
}
