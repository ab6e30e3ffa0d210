package dev.gpufleet.views.rebalance;

import dev.gpufleet.core.actions.Capability;
import dev.gpufleet.core.actions.NodeOperations;
import dev.gpufleet.core.actions.OperationException;
import dev.gpufleet.core.actions.RebalanceOperations;
import dev.gpufleet.core.actions.Verdict;
import dev.gpufleet.core.exec.TaskExecutor;
import dev.gpufleet.core.rebalance.Goal;
import dev.gpufleet.core.rebalance.Move;
import dev.gpufleet.core.rebalance.PodBudget;
import dev.gpufleet.core.rebalance.RebalanceInput;
import dev.gpufleet.core.rebalance.RebalanceOptions;
import dev.gpufleet.core.rebalance.RebalancePlan;
import dev.gpufleet.core.rebalance.RebalancePlanner;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.actions.ProgressRow;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
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

/// The rebalance screen's state and commands; knows no `Node`. "Plan" runs the pure planner
/// off the FX thread on the newest snapshot and the cluster's budgets (the newest request wins),
/// and projects the moves onto the allocation for the before/after heatmaps. "Apply" is gated
/// like the drain: not on a read-only context, not without the permissions (checked after each
/// plan), on a production context only with its name typed out; it plans again first and, if
/// the plan changed, shows the new one instead of applying. The run itself ([RebalanceRun])
/// follows each move and can be paused, resumed and cancelled.
///
/// Cluster calls run on `background`; their results come back through `fx` (the FX thread).
public final class RebalanceViewModel {

    /// Where the screen is.
    public enum Phase { IDLE, PLANNING, PLANNED, REPLANNING, APPLYING, FINISHED, FAILED }

    /// A plan with what it was made from: the snapshot, and the allocation before and after.
    public record Planned(String context, FleetSnapshot fleet, RebalancePlan plan, FleetSnapshot before,
            FleetSnapshot after) {

        /// The nodes the moves leave and the nodes they land on.
        public Set<String> touchedNodes() {
            Set<String> nodes = new LinkedHashSet<>();
            for (Move move : plan.moves()) {
                nodes.add(move.from());
                nodes.add(move.to());
            }
            return nodes;
        }
    }

    private final Supplier<FleetSnapshot> snapshots;
    private final NodeOperations nodes;
    private final RebalanceOperations operations;
    private final TaskExecutor background;
    private final Executor fx;

    private final ObservableList<String> contexts = FXCollections.observableArrayList();
    private final ObjectProperty<@Nullable String> context = new SimpleObjectProperty<>(this, "context");
    private final ObjectProperty<Goal> goal = new SimpleObjectProperty<>(this, "goal", Goal.DEFRAG);
    private final IntegerProperty maxMoves = new SimpleIntegerProperty(this, "maxMoves",
            RebalanceOptions.DEFAULT_MAX_MOVES);
    private final StringProperty typedConfirmation = new SimpleStringProperty(this, "typedConfirmation", "");
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(this, "phase", Phase.IDLE);
    private final ReadOnlyObjectWrapper<@Nullable Planned> planned = new ReadOnlyObjectWrapper<>(this, "planned");
    private final ObservableList<MoveRow> rows = FXCollections.observableArrayList();
    private final ObservableList<MoveRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper effect = new ReadOnlyStringWrapper(this, "effect", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status",
            "Choose a goal and press Plan: nothing changes until you apply.");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyObjectWrapper<@Nullable Verdict> evict = new ReadOnlyObjectWrapper<>(this, "evict");
    private final ReadOnlyObjectWrapper<@Nullable Verdict> patch = new ReadOnlyObjectWrapper<>(this, "patch");
    private final BooleanProperty readOnly = new SimpleBooleanProperty(this, "readOnly");
    private final RebalanceRun run;
    private final StringBinding applyBlockedReason;
    private final BooleanBinding canApply;
    private final BooleanBinding confirmationRequired;
    private int planRequest;

    public RebalanceViewModel(Supplier<FleetSnapshot> snapshots, NodeOperations nodes, RebalanceOperations operations,
            TaskExecutor background, Executor fx) {
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.operations = Objects.requireNonNull(operations, "operations");
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.run = new RebalanceRun(operations, background, fx);
        refreshContexts();
        confirmationRequired = Bindings.createBooleanBinding(() -> {
            Planned shown = planned.get();
            return shown != null && nodes.isProduction(shown.context());
        }, planned);
        applyBlockedReason = Bindings.createStringBinding(this::applyBlocker, phase, planned, typedConfirmation,
                evict, patch, readOnly, run.cordonSourcesProperty(), confirmationRequired);
        canApply = Bindings.createBooleanBinding(() -> applyBlockedReason.get().isEmpty(), applyBlockedReason);
        run.cordonSourcesProperty().subscribe(this::checkPermissions);
    }

    /// Lists the clusters of the newest snapshot; chooses the first when none is chosen.
    public void refreshContexts() {
        List<String> names = snapshots.get().clusters().stream().map(ClusterSnapshot::name).toList();
        contexts.setAll(names);
        if ((context.get() == null || !names.contains(context.get())) && !names.isEmpty()) {
            context.set(names.getFirst());
        }
    }

    private String applyBlocker() {
        Planned shown = planned.get();
        switch (phase.get()) {
            case IDLE, FAILED -> {
                return "Plan first: Apply carries out the plan shown.";
            }
            case PLANNING, REPLANNING -> {
                return "Planning…";
            }
            case APPLYING -> {
                return "The plan is being applied.";
            }
            case FINISHED -> {
                return "The plan was applied: plan again to see where things stand.";
            }
            case PLANNED -> {
                // the checks below
            }
        }
        if (shown == null || shown.plan().isEmpty()) {
            return "Nothing to apply: the plan has no move.";
        }
        if (readOnly.get()) {
            return "Context " + shown.context() + " is read-only in gpufleet: unlock it in the cluster list to apply.";
        }
        String denied = denial(evict.get());
        if (denied == null && run.cordonSourcesProperty().get()) {
            denied = denial(patch.get());
        }
        if (denied != null) {
            return denied;
        }
        if (confirmationRequired.get() && !typedConfirmation.get().strip().equals(shown.context())) {
            return "Context " + shown.context() + " is marked production: type its name (" + shown.context()
                    + ") to confirm.";
        }
        return "";
    }

    private static @Nullable String denial(@Nullable Verdict verdict) {
        if (verdict == null) {
            return "Checking your permissions…";
        }
        return verdict.allowed() ? null : verdict.reason();
    }

    /// Plans for the chosen cluster, goal and move limit, off the FX thread; a newer request
    /// overtakes an older one still running. Does nothing while a plan is being applied.
    public void plan() {
        String chosen = context.get();
        if (phase.get() == Phase.APPLYING || phase.get() == Phase.REPLANNING) {
            return;
        }
        if (chosen == null) {
            error.set("No cluster is connected: connect one in the cluster list, then plan.");
            return;
        }
        int request = ++planRequest;
        phase.set(Phase.PLANNING);
        error.set("");
        status.set("Planning for " + chosen + " (goal " + goal.get() + ")…");
        RebalanceOptions options;
        try {
            options = RebalanceOptions.of(goal.get()).withMaxMoves(maxMoves.get());
        } catch (IllegalArgumentException bad) {
            fail("The move limit: " + bad.getMessage() + ".");
            return;
        }
        background.supply(() -> planNow(chosen, options)).whenComplete((made, failure) -> fx.execute(() -> {
            if (request == planRequest) {
                showPlan(made, failure);
            }
        }));
    }

    /// Reads the newest snapshot and the budgets, plans and projects; blocks.
    private Planned planNow(String chosen, RebalanceOptions options) throws OperationException {
        FleetSnapshot fleet = snapshots.get();
        ClusterSnapshot cluster = fleet.cluster(chosen).orElseThrow(() -> new OperationException(0, "Cluster "
                + chosen + " has delivered no inventory yet: connect it in the cluster list and plan again."));
        List<PodBudget> budgets = operations.budgets(chosen);
        RebalancePlan plan = RebalancePlanner.plan(RebalanceInput.from(cluster.nodes(), cluster.unscheduled(), budgets),
                options);
        return new Planned(chosen, fleet, plan, AllocationProjection.before(fleet, cluster),
                AllocationProjection.after(fleet, cluster, plan.moves()));
    }

    private void showPlan(@Nullable Planned made, @Nullable Throwable failure) {
        if (made == null) {
            fail(messageOf(failure));
            return;
        }
        show(made);
        status.set("Plan for " + made.context() + " (goal " + made.plan().options().goal() + ") on the snapshot of "
                + made.fleet().time() + ". Nothing has changed yet.");
        phase.set(Phase.PLANNED);
    }

    private void show(Planned made) {
        planned.set(made);
        rows.setAll(RebalanceText.rows(made.plan()));
        effect.set(RebalanceText.effect(made.plan()));
        typedConfirmation.set("");
        checkPermissions();
    }

    private void fail(String message) {
        error.set(message);
        status.set("No plan: nothing was changed.");
        phase.set(Phase.FAILED);
    }

    /// Asks, off the FX thread, whether the planned context is read-only and what RBAC allows there.
    private void checkPermissions() {
        Planned shown = planned.get();
        if (shown == null) {
            return;
        }
        String where = shown.context();
        evict.set(null);
        patch.set(null);
        background.execute(() -> {
            boolean locked = nodes.isReadOnly(where);
            Verdict evicting = nodes.check(where, Capability.EVICT_PODS);
            Verdict patching = nodes.check(where, Capability.CHANGE_NODES);
            fx.execute(() -> {
                Planned now = planned.get();
                if (now != null && now.context().equals(where)) {
                    readOnly.set(locked);
                    evict.set(evicting);
                    patch.set(patching);
                }
            });
        });
    }

    /// Plans again as the shown plan was made; applies it when it has not changed, else shows
    /// the new plan and says so. Does nothing unless [#canApplyProperty()] holds.
    public void apply() {
        Planned shown = planned.get();
        if (!canApply.get() || shown == null) {
            return;
        }
        int request = ++planRequest;
        phase.set(Phase.REPLANNING);
        status.set("Planning again before applying, in case the cluster changed…");
        background.supply(() -> planNow(shown.context(), shown.plan().options())).whenComplete((fresh, failure) ->
                fx.execute(() -> {
                    if (request == planRequest) {
                        applyIfUnchanged(shown, fresh, failure);
                    }
                }));
    }

    private void applyIfUnchanged(Planned shown, @Nullable Planned fresh, @Nullable Throwable failure) {
        if (fresh == null) {
            fail(messageOf(failure));
            return;
        }
        if (RebalanceText.differ(shown.plan(), fresh.plan())) {
            show(fresh);
            status.set("The plan changed since you looked (" + RebalanceText.count(shown.plan().moves().size(), "move")
                    + " then, " + RebalanceText.count(fresh.plan().moves().size(), "move")
                    + " now): review the new plan and press Apply again. Nothing was changed.");
            phase.set(Phase.PLANNED);
            return;
        }
        planned.set(fresh);
        phase.set(Phase.APPLYING);
        status.set("Applying " + RebalanceText.count(fresh.plan().moves().size(), "move") + " on " + fresh.context()
                + ", " + run.concurrencyProperty().get() + " at a time…");
        run.start(fresh.context(), fresh.plan().moves(), this::ended);
    }

    private void ended(String summary, boolean failed) {
        status.set(summary);
        if (failed) {
            error.set(summary);
        }
        phase.set(failed ? Phase.FAILED : Phase.FINISHED);
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

    public ObservableList<String> contexts() {
        return contexts;
    }

    public ObjectProperty<@Nullable String> contextProperty() {
        return context;
    }

    public ObjectProperty<Goal> goalProperty() {
        return goal;
    }

    /// The most moves a plan may hold.
    public IntegerProperty maxMovesProperty() {
        return maxMoves;
    }

    /// What the operator typed to confirm (the context's name, on a production context).
    public StringProperty typedConfirmationProperty() {
        return typedConfirmation;
    }

    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /// The plan shown, with its snapshot and the before/after allocation; null before the first plan.
    public ReadOnlyObjectProperty<@Nullable Planned> plannedProperty() {
        return planned.getReadOnlyProperty();
    }

    public ObservableList<MoveRow> rows() {
        return rowsView;
    }

    /// The plan's expected effect in words.
    public ReadOnlyStringProperty effectProperty() {
        return effect.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /// What went wrong, with what to do; empty when nothing did.
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /// Why Apply is disabled now; empty when it is enabled.
    public StringBinding applyBlockedReasonProperty() {
        return applyBlockedReason;
    }

    public BooleanBinding canApplyProperty() {
        return canApply;
    }

    /// Whether the planned context is marked production (Apply then needs its name typed).
    public BooleanBinding confirmationRequiredProperty() {
        return confirmationRequired;
    }

    /// The run: its settings, per-move progress, pause, resume and cancel.
    public RebalanceRun run() {
        return run;
    }

    /// Shorthand for the run's progress rows.
    public ObservableList<ProgressRow> progressRows() {
        return run.progressRows();
    }
}
