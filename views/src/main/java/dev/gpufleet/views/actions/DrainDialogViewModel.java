package dev.gpufleet.views.actions;

import dev.gpufleet.core.actions.DrainExecution;
import dev.gpufleet.core.actions.NodeOperations;
import dev.gpufleet.core.actions.OperationException;
import dev.gpufleet.core.drain.DrainOptions;
import dev.gpufleet.core.drain.DrainOptions.GpuScope;
import dev.gpufleet.core.drain.DrainPlan;
import dev.gpufleet.core.drain.DrainReport;
import dev.gpufleet.core.exec.TaskExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/// The drain dialog's state and commands; knows no `Node`. It plans (fresh from the API server,
/// again whenever an option that changes the plan changes), shows the preview, gates the start
/// on the plan and — on a production context — on the node's name typed out, then follows the
/// drain pod by pod until it ends or is cancelled, and says what state the node is left in.
///
/// Cluster calls run on `background`; their results come back through `fx` (the FX thread).
public final class DrainDialogViewModel {

    /// Where the dialog is.
    public enum Phase { PLANNING, PREVIEW, RUNNING, FINISHED, FAILED }

    private final NodeOperations operations;
    private final String context;
    private final String node;
    private final List<GpuScope> scopes;
    private final TaskExecutor background;
    private final Executor fx;
    private final boolean production;

    private final BooleanProperty force = new SimpleBooleanProperty(this, "force");
    private final BooleanProperty deleteEmptyDirData = new SimpleBooleanProperty(this, "deleteEmptyDirData");
    private final BooleanProperty dryRun = new SimpleBooleanProperty(this, "dryRun");
    private final IntegerProperty gracePeriodSeconds = new SimpleIntegerProperty(this, "gracePeriodSeconds", -1);
    private final IntegerProperty timeoutSeconds = new SimpleIntegerProperty(this, "timeoutSeconds", 0);
    private final ObjectProperty<GpuScope> scope;
    private final StringProperty typedConfirmation = new SimpleStringProperty(this, "typedConfirmation", "");

    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.PLANNING);
    private final ReadOnlyObjectWrapper<@Nullable DrainPlan> plan = new ReadOnlyObjectWrapper<>(this, "plan");
    private final ObservableList<PreviewRow> previewRows = FXCollections.observableArrayList();
    private final ObservableList<BudgetRow> budgetRows = FXCollections.observableArrayList();
    private final ObservableList<ProgressRow> progressRows = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    // One read-only view each, kept here: a view only listens weakly to its list.
    private final ObservableList<PreviewRow> previewRowsView = FXCollections.unmodifiableObservableList(previewRows);
    private final ObservableList<BudgetRow> budgetRowsView = FXCollections.unmodifiableObservableList(budgetRows);
    private final ObservableList<ProgressRow> progressRowsView = FXCollections.unmodifiableObservableList(progressRows);
    private final ObservableList<String> logView = FXCollections.unmodifiableObservableList(log);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "Reading the node's pods…");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper nodeState = new ReadOnlyStringWrapper(this, "nodeState", "");
    private final ReadOnlyBooleanWrapper cancelling = new ReadOnlyBooleanWrapper(this, "cancelling");
    private final BooleanBinding confirmationRequired;
    private final BooleanBinding canStart;
    private final StringBinding startBlockedReason;

    private @Nullable DrainExecution execution;
    private int planRequest;

    /// `scopes` are the choices offered (whole node first, then its GPUs and MIG instances);
    /// `initial` is chosen at the start (the selected GPU's, when opened from a GPU).
    public DrainDialogViewModel(NodeOperations operations, String context, String node, List<GpuScope> scopes,
            GpuScope initial, TaskExecutor background, Executor fx) {
        this.operations = Objects.requireNonNull(operations, "operations");
        this.context = Objects.requireNonNull(context, "context");
        this.node = Objects.requireNonNull(node, "node");
        this.scopes = List.copyOf(scopes);
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.production = operations.isProduction(context);
        this.scope = new SimpleObjectProperty<>(this, "scope", Objects.requireNonNull(initial, "initial"));
        confirmationRequired = Bindings.createBooleanBinding(() -> production && !dryRun.get(), dryRun);
        startBlockedReason = Bindings.createStringBinding(this::startBlocker, phase, plan, typedConfirmation,
                confirmationRequired);
        canStart = Bindings.createBooleanBinding(() -> startBlockedReason.get().isEmpty(), startBlockedReason);
        force.subscribe(this::replan);
        deleteEmptyDirData.subscribe(this::replan);
        dryRun.subscribe(this::replan);
        scope.subscribe(this::replan);
    }

    private String startBlocker() {
        DrainPlan current = plan.get();
        if (phase.get() != Phase.PREVIEW || current == null) {
            return switch (phase.get()) {
                case PLANNING -> "Reading the node's pods…";
                case RUNNING -> "The drain is running.";
                case FINISHED -> "The drain has ended.";
                case FAILED, PREVIEW -> "There is no plan to carry out; see the error above.";
            };
        }
        if (!current.canProceed()) {
            return current.blocking().size() + (current.blocking().size() == 1 ? " pod needs" : " pods need")
                    + " your permission: tick \"Force\" or \"Delete emptyDir data\", or leave the node as it is.";
        }
        if (confirmationRequired.get() && !typedConfirmation.get().strip().equals(node)) {
            return "Context " + context + " is marked production: type the node's name (" + node + ") to confirm.";
        }
        return "";
    }

    /// Plans again with the current options (the options' changes do this themselves).
    public void replan() {
        if (phase.get() == Phase.RUNNING || phase.get() == Phase.FINISHED) {
            return;
        }
        int request = ++planRequest;
        phase.set(Phase.PLANNING);
        error.set("");
        DrainOptions options = options();
        background.supply(() -> operations.planDrain(context, node, options)).whenComplete((planned, failure) ->
                fx.execute(() -> {
                    if (request == planRequest) {
                        showPlan(planned, failure);
                    }
                }));
    }

    private void showPlan(@Nullable DrainPlan planned, @Nullable Throwable failure) {
        if (planned == null) {
            error.set(messageOf(failure));
            summary.set("Could not read what draining " + node + " would do; nothing was changed.");
            phase.set(Phase.FAILED);
            return;
        }
        plan.set(planned);
        previewRows.setAll(DrainPreviewRows.rows(planned));
        budgetRows.setAll(DrainPreviewRows.budgets(planned));
        summary.set(DrainPreviewRows.summary(planned));
        phase.set(Phase.PREVIEW);
    }

    /// The options as chosen now.
    public DrainOptions options() {
        DrainOptions options = DrainOptions.defaults().withForce(force.get())
                .withDeleteEmptyDirData(deleteEmptyDirData.get()).withDryRun(dryRun.get())
                .withTimeout(Duration.ofSeconds(Math.max(0, timeoutSeconds.get()))).withScope(scope.get());
        return gracePeriodSeconds.get() >= 0 ? options.withGracePeriod(Duration.ofSeconds(gracePeriodSeconds.get()))
                : options;
    }

    /// Starts the drain of the previewed plan (with the grace period and timeout as set now);
    /// does nothing unless [#canStartProperty] holds.
    public void start() {
        DrainPlan previewed = plan.get();
        if (!canStart.get() || previewed == null) {
            return;
        }
        DrainPlan toRun = new DrainPlan(previewed.node(), options(), previewed.pods(), previewed.budgets());
        DrainProgressRows rows = new DrainProgressRows(toRun, progressRows);
        phase.set(Phase.RUNNING);
        summary.set((toRun.options().dryRun() ? "Dry run of the drain of " : "Draining ") + node + "…");
        background.supply(() -> operations.startDrain(context, toRun,
                event -> fx.execute(() -> rows.apply(event).ifPresent(log::add)))).whenComplete((started, failure) ->
                fx.execute(() -> running(started, failure)));
    }

    private void running(@Nullable DrainExecution started, @Nullable Throwable failure) {
        if (started == null) {
            finish(null, failure);
            return;
        }
        execution = started;
        if (cancelling.get()) {
            started.cancel();
        }
        started.result().whenComplete((report, failed) -> fx.execute(() -> finish(report, failed)));
    }

    /// Stops the drain: pods already evicted stay gone; the node stays cordoned.
    public void cancel() {
        if (phase.get() != Phase.RUNNING || cancelling.get()) {
            return;
        }
        cancelling.set(true);
        log.add("Cancelling: no more evictions; the node stays cordoned (uncordon it to undo).");
        DrainExecution running = execution;
        if (running != null) {
            running.cancel();
        }
    }

    private void finish(@Nullable DrainReport report, @Nullable Throwable failure) {
        // The phase changes last, so whoever waits for it finds the texts in place.
        if (report == null) {
            error.set(messageOf(failure));
            summary.set("The drain of " + node + " did not complete.");
            nodeState.set("Node " + node + " may be cordoned: check it, and uncordon it to undo.");
            phase.set(Phase.FAILED);
            return;
        }
        summary.set(report.message());
        nodeState.set(DrainOutcomes.nodeState(report, options().dryRun()));
        phase.set(Phase.FINISHED);
    }

    static String messageOf(@Nullable Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof OperationException operation) {
            return operation.getMessage();
        }
        return cause == null ? "unknown failure" : String.valueOf(cause.getMessage());
    }

    public String context() {
        return context;
    }

    public String node() {
        return node;
    }

    public boolean isProduction() {
        return production;
    }

    public List<GpuScope> scopes() {
        return scopes;
    }

    public BooleanProperty forceProperty() {
        return force;
    }

    public BooleanProperty deleteEmptyDirDataProperty() {
        return deleteEmptyDirData;
    }

    public BooleanProperty dryRunProperty() {
        return dryRun;
    }

    /// Seconds each pod gets to stop; negative keeps each pod's own.
    public IntegerProperty gracePeriodSecondsProperty() {
        return gracePeriodSeconds;
    }

    /// Seconds before the drain gives up, leaving the node cordoned; 0 waits as long as it takes.
    public IntegerProperty timeoutSecondsProperty() {
        return timeoutSeconds;
    }

    public ObjectProperty<GpuScope> scopeProperty() {
        return scope;
    }

    /// What the operator typed to confirm (the node's name, on a production context).
    public StringProperty typedConfirmationProperty() {
        return typedConfirmation;
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<@Nullable DrainPlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ObservableList<PreviewRow> previewRows() {
        return previewRowsView;
    }

    public ObservableList<BudgetRow> budgetRows() {
        return budgetRowsView;
    }

    public ObservableList<ProgressRow> progressRows() {
        return progressRowsView;
    }

    /// Lines about the node itself during the drain (cordoned, cancelling).
    public ObservableList<String> log() {
        return logView;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /// Why planning or the drain failed, with what it means; empty when nothing failed.
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /// The node's state after the drain, in words.
    public ReadOnlyStringProperty nodeStateProperty() {
        return nodeState.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty cancellingProperty() {
        return cancelling.getReadOnlyProperty();
    }

    public BooleanBinding confirmationRequiredProperty() {
        return confirmationRequired;
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    /// Why the drain cannot start yet; empty when it can.
    public StringBinding startBlockedReasonProperty() {
        return startBlockedReason;
    }
}
