package dev.gpufleet.views.triage;

import dev.gpufleet.core.triage.TriageJson;
import dev.gpufleet.core.triage.TriageMarkdown;
import dev.gpufleet.core.triage.TriageReport;
import dev.gpufleet.core.triage.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/// The triage of one node, or one GPU of it: asks the [TriageSource], then holds the verdict,
/// the recommended action and the tables as text. Knows no `Node`; the [TriagePanel] binds to it.
///
/// For a GPU, [#wholeNodeProperty()] switches to the node's triage and back; each change asks
/// again. An answer that arrives after a newer question was asked is dropped.
public final class TriageViewModel {

    private final TriageSource source;
    private final Executor fxThread;
    private final String cluster;
    private final String node;
    private final Optional<Integer> gpu;
    private final BooleanProperty wholeNode = new SimpleBooleanProperty(this, "wholeNode");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyObjectWrapper<@Nullable Verdict> verdict = new ReadOnlyObjectWrapper<>(this, "verdict");
    private final ReadOnlyStringWrapper verdictText = new ReadOnlyStringWrapper(this, "verdictText", "");
    private final ReadOnlyStringWrapper action = new ReadOnlyStringWrapper(this, "action", "");
    private final ReadOnlyStringWrapper reason = new ReadOnlyStringWrapper(this, "reason", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<@Nullable TriageReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ObservableList<TriageRows.EvidenceRow> evidence = FXCollections.observableArrayList();
    private final ObservableList<TriageRows.XidRow> xids = FXCollections.observableArrayList();
    private final ObservableList<TriageRows.ConditionRow> conditions = FXCollections.observableArrayList();
    private final ObservableList<TriageRows.EventRow> events = FXCollections.observableArrayList();
    private final ObservableList<String> pods = FXCollections.observableArrayList();
    private List<TriageRows.EvidenceRow> diagnosed = List.of();
    private long asked;

    /// Triage of `node` in `cluster`, or of its GPU `gpu` when given; results are applied
    /// through `fxThread` (`Platform::runLater` in the app, `Runnable::run` in tests).
    public TriageViewModel(TriageSource source, Executor fxThread, String cluster, String node,
            Optional<Integer> gpu) {
        this.source = Objects.requireNonNull(source, "source");
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
        this.cluster = cluster;
        this.node = node;
        this.gpu = gpu;
        wholeNode.set(gpu.isEmpty());
        showTitle();
        wholeNode.addListener((obs, was, now) -> refresh());
    }

    /// Asks for a fresh triage; call on the FX thread.
    public void refresh() {
        long question = ++asked;
        loading.set(true);
        showTitle();
        Optional<Integer> scope = wholeNode.get() ? Optional.empty() : gpu;
        source.triage(cluster, node, scope).whenComplete((result, failure) -> fxThread.execute(() -> {
            if (question != asked) {
                return;
            }
            loading.set(false);
            if (failure != null) {
                showFailure(failure);
            } else {
                show(result);
            }
        }));
    }

    private void showTitle() {
        boolean forGpu = gpu.isPresent() && !wholeNode.get();
        title.set("Triage — " + cluster + " / " + node + (forGpu ? " / GPU " + gpu.get() : ""));
    }

    private void show(TriageResult result) {
        TriageReport shown = result.report();
        report.set(shown);
        verdict.set(shown.verdict());
        verdictText.set(shown.verdict().name());
        action.set(shown.action().description().substring(0, 1).toUpperCase(Locale.ROOT)
                + shown.action().description().substring(1));
        reason.set(shown.reason() + (shown.cordoned() ? " (the node is cordoned)" : ""));
        message.set(String.join(" ", result.notes()));
        evidence.setAll(shown.evidence().stream().map(TriageRows.EvidenceRow::of).toList());
        evidence.addAll(diagnosed);
        xids.setAll(shown.xids().stream().map(TriageRows.XidRow::of).toList());
        conditions.setAll(shown.conditions().stream().map(TriageRows.ConditionRow::of).toList());
        events.setAll(shown.events().stream().map(TriageRows.EventRow::of).toList());
        pods.setAll(shown.pods());
    }

    private void showFailure(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        message.set("Triage failed: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
    }

    /// Adds the findings of a DCGM diagnostic run to the evidence, replacing an earlier run's;
    /// they stay through refreshes. The verdict itself comes from the triage rules alone.
    public void setDiagnosticEvidence(List<TriageRows.EvidenceRow> rows) {
        evidence.removeAll(diagnosed);
        diagnosed = List.copyOf(rows);
        evidence.addAll(diagnosed);
    }

    /// The report as Markdown, for the clipboard; empty before the first answer.
    public Optional<String> markdown() {
        return Optional.ofNullable(report.get()).map(TriageMarkdown::write);
    }

    /// The report as JSON, for a file; empty before the first answer.
    public Optional<String> json() {
        return Optional.ofNullable(report.get()).map(shown -> TriageJson.write(shown) + "\n");
    }

    /// Writes the report as JSON to `file`; returns a problem for people, or empty.
    public Optional<String> saveJson(Path file) {
        Optional<String> text = json();
        if (text.isEmpty()) {
            return Optional.of("There is no triage to save yet.");
        }
        try {
            Files.writeString(file, text.get());
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("The triage could not be saved to " + file + ": " + e.getMessage());
        }
    }

    /// A file name for the JSON export, e.g. `triage-gpu-node-1-gpu2.json`.
    public String suggestedFileName() {
        boolean forGpu = gpu.isPresent() && !wholeNode.get();
        return "triage-" + node + (forGpu ? "-gpu" + gpu.get() : "") + ".json";
    }

    /// Whether this triage was opened for one GPU (and so may switch to the whole node).
    public boolean forGpu() {
        return gpu.isPresent();
    }

    public BooleanProperty wholeNodeProperty() {
        return wholeNode;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /// The verdict; null until the first answer.
    public ReadOnlyObjectProperty<@Nullable Verdict> verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    /// `HEALTHY`, `WATCH`, `DEGRADED` or `FAILING`; empty until the first answer.
    public ReadOnlyStringProperty verdictTextProperty() {
        return verdictText.getReadOnlyProperty();
    }

    /// The recommended action, a sentence.
    public ReadOnlyStringProperty actionProperty() {
        return action.getReadOnlyProperty();
    }

    /// The finding that decided the verdict.
    public ReadOnlyStringProperty reasonProperty() {
        return reason.getReadOnlyProperty();
    }

    /// What went wrong, or what the report had to do without; empty when nothing.
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<@Nullable TriageReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ObservableList<TriageRows.EvidenceRow> evidence() {
        return FXCollections.unmodifiableObservableList(evidence);
    }

    public ObservableList<TriageRows.XidRow> xids() {
        return FXCollections.unmodifiableObservableList(xids);
    }

    public ObservableList<TriageRows.ConditionRow> conditions() {
        return FXCollections.unmodifiableObservableList(conditions);
    }

    public ObservableList<TriageRows.EventRow> events() {
        return FXCollections.unmodifiableObservableList(events);
    }

    public ObservableList<String> pods() {
        return FXCollections.unmodifiableObservableList(pods);
    }
}
