package dev.gpufleet.views.actions;

import dev.gpufleet.core.actions.Capability;
import dev.gpufleet.core.actions.LabelEdit;
import dev.gpufleet.core.actions.NodeChange;
import dev.gpufleet.core.actions.NodeOperations;
import dev.gpufleet.core.actions.OperationException;
import dev.gpufleet.core.actions.Verdict;
import dev.gpufleet.core.exec.TaskExecutor;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.heatmap.HeatmapSelection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.jspecify.annotations.Nullable;

/// The "Actions" menu's state and commands; knows no `Node`. Its targets are the nodes of the
/// heatmap's multi-selection, or else the selected GPU's node. Each action is enabled only when
/// every target's context allows it (asked with SelfSubjectAccessReviews, re-asked after
/// [#PERMISSION_TTL]) and no target's context is marked read-only (asked afresh on every update,
/// e.g. when the menu opens); a disabled one says why.
///
/// On a context marked production, a change aimed at several nodes, and any label change, needs
/// a typed confirmation ([#confirmationFor]): the node's name, or the number of nodes.
public final class NodeActionsViewModel {

    /// How long an answer about a context's permissions is trusted.
    public static final Duration PERMISSION_TTL = Duration.ofMinutes(2);

    private record Known(Verdict verdict, long askedNanos) {
    }

    private record Key(String context, Capability capability) {
    }

    private final NodeOperations operations;
    private final TaskExecutor background;
    private final Executor fx;
    private final Map<Key, Known> verdicts = new ConcurrentHashMap<>();
    private final Set<Key> asking = ConcurrentHashMap.newKeySet();
    private final Map<NodeAction, ReadOnlyObjectWrapper<ActionState>> states = new EnumMap<>(NodeAction.class);
    private final ReadOnlyObjectWrapper<List<NodeTarget>> targets = new ReadOnlyObjectWrapper<>(this, "targets", List.of());
    private final ReadOnlyObjectWrapper<@Nullable ActionOutcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private @Nullable GpuSelection focused;

    public NodeActionsViewModel(NodeOperations operations, TaskExecutor background, Executor fx) {
        this.operations = Objects.requireNonNull(operations, "operations");
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        for (NodeAction action : NodeAction.values()) {
            states.put(action, new ReadOnlyObjectWrapper<>(this, action.name(), ActionState.disabled(noTarget())));
        }
    }

    /// Aims the actions at the nodes of `multi`, or `focused`'s node when `multi` is empty.
    public void setSelection(@Nullable GpuSelection focused, HeatmapSelection multi) {
        this.focused = focused;
        Set<NodeTarget> nodes = new LinkedHashSet<>();
        multi.gpus().forEach(gpu -> nodes.add(new NodeTarget(gpu.cluster(), gpu.node())));
        if (nodes.isEmpty() && focused != null) {
            nodes.add(new NodeTarget(focused.cluster(), focused.node()));
        }
        targets.set(List.copyOf(nodes));
        refreshPermissions(false);
    }

    /// Asks again about the targets' permissions where the answer is missing or old (`force`: always).
    public void refreshPermissions(boolean force) {
        long now = System.nanoTime();
        for (NodeTarget target : targets.get()) {
            for (Capability capability : Capability.values()) {
                Key key = new Key(target.context(), capability);
                Known known = verdicts.get(key);
                boolean stale = known == null || force || now - known.askedNanos() > PERMISSION_TTL.toNanos();
                if (stale && asking.add(key)) {
                    background.supply(() -> operations.check(key.context(), capability)).whenComplete((verdict, failure) ->
                            fx.execute(() -> learn(key, verdict, failure)));
                }
            }
        }
        updateStates();
    }

    private void learn(Key key, @Nullable Verdict verdict, @Nullable Throwable failure) {
        asking.remove(key);
        verdicts.put(key, new Known(verdict != null ? verdict
                : Verdict.deny("Could not ask the API server: " + DrainDialogViewModel.messageOf(failure)), System.nanoTime()));
        updateStates();
    }

    private void updateStates() {
        List<NodeTarget> aimed = targets.get();
        for (NodeAction action : NodeAction.values()) {
            states.get(action).set(stateOf(action, aimed));
        }
    }

    private ActionState stateOf(NodeAction action, List<NodeTarget> aimed) {
        if (aimed.isEmpty()) {
            return ActionState.disabled(noTarget());
        }
        if (busy.get()) {
            return ActionState.disabled("another action is still running");
        }
        for (NodeTarget target : aimed) {
            if (operations.isReadOnly(target.context())) {
                return ActionState.disabled("context " + target.context() + " is read-only in gpufleet"
                        + " (unlock it in the cluster list)");
            }
        }
        if (action == NodeAction.DRAIN && aimed.size() > 1) {
            return ActionState.disabled("drain one node at a time (" + aimed.size() + " nodes selected)");
        }
        List<Capability> needed = action == NodeAction.DRAIN
                ? List.of(Capability.EVICT_PODS, Capability.CHANGE_NODES) : List.of(action.capability());
        for (NodeTarget target : aimed) {
            for (Capability capability : needed) {
                Known known = verdicts.get(new Key(target.context(), capability));
                if (known == null) {
                    return ActionState.CHECKING;
                }
                if (!known.verdict().allowed()) {
                    return ActionState.disabled(known.verdict().reason());
                }
            }
        }
        return ActionState.allowed();
    }

    private static String noTarget() {
        return "select a GPU (or several) in the heatmap first";
    }

    /// Applies `action` (not [NodeAction#LABEL] or [NodeAction#DRAIN]) to every target where no
    /// typed confirmation is needed; see [#run(NodeAction, String)].
    public void run(NodeAction action) {
        run(action, "");
    }

    /// Applies `action` (not [NodeAction#LABEL] or [NodeAction#DRAIN]) to every target, one after
    /// the other, off the FX thread; [#outcomeProperty] then says what happened to each node.
    /// `typed` must match [#confirmationFor] where that asks for one, or nothing is done.
    public void run(NodeAction action, String typed) {
        NodeChange change = action.change();
        if (change != null) {
            start(action, List.of(change), typed, change.describe());
        }
    }

    /// Sets and removes `edits` on every target, as [#run(NodeAction, String)] does.
    public void runLabel(List<LabelEdit> edits, String typed) {
        if (!edits.isEmpty()) {
            start(NodeAction.LABEL, edits.stream().map(NodeChange::label).toList(), typed,
                    "label " + String.join(" ", edits.stream().map(LabelEdit::toString).toList()));
        }
    }

    /// What must be typed before `action` runs on the targets: the node's name (one node) or the
    /// number of nodes, when a target's context is marked production and the action touches
    /// several nodes or is a label change; empty when no confirmation is needed.
    public Optional<String> confirmationFor(NodeAction action) {
        List<NodeTarget> aimed = targets.get();
        boolean production = aimed.stream().anyMatch(target -> operations.isProduction(target.context()));
        if (!production || aimed.isEmpty() || (aimed.size() == 1 && action != NodeAction.LABEL)) {
            return Optional.empty();
        }
        return Optional.of(aimed.size() == 1 ? aimed.getFirst().node() : Integer.toString(aimed.size()));
    }

    /// The sentence asking for the typed confirmation, e.g. for a dialog; empty when none is needed.
    public Optional<String> confirmationPrompt(NodeAction action) {
        List<NodeTarget> aimed = targets.get();
        return confirmationFor(action).map(expected -> "A production context is among the targets: type "
                + (aimed.size() == 1 ? "the node's name (" + expected + ")" : "the number of nodes (" + expected + ")")
                + " to confirm.");
    }

    private void start(NodeAction action, List<NodeChange> changes, String typed, String what) {
        List<NodeTarget> aimed = targets.get();
        if (!states.get(action).get().enabled() || aimed.isEmpty()) {
            return;
        }
        Optional<String> expected = confirmationFor(action);
        if (expected.isPresent() && !expected.get().equals(typed.strip())) {
            outcome.set(new ActionOutcome(capitalised(what) + ": not confirmed", List.of("Nothing was done: "
                    + confirmationPrompt(action).orElse("") + " You typed \"" + typed.strip() + "\"."), true));
            return;
        }
        busy.set(true);
        updateStates();
        background.supply(() -> applyAll(changes, aimed, what)).whenComplete((done, failure) -> fx.execute(() -> {
            busy.set(false);
            outcome.set(done != null ? done : new ActionOutcome(what,
                    List.of(DrainDialogViewModel.messageOf(failure)), true));
            updateStates();
        }));
    }

    private ActionOutcome applyAll(List<NodeChange> changes, List<NodeTarget> aimed, String what) {
        List<String> lines = new ArrayList<>();
        boolean failed = false;
        for (NodeTarget target : aimed) {
            for (NodeChange change : changes) {
                try {
                    lines.add(operations.apply(target.context(), target.node(), change) + " in " + target.context());
                } catch (OperationException refused) {
                    failed = true;
                    lines.add(refused.getMessage() + " " + stateAfterFailure(target, refused));
                    break;
                }
            }
        }
        String title = capitalised(what) + ": " + aimed.size() + (aimed.size() == 1 ? " node" : " nodes")
                + (failed ? ", some failed" : "");
        return new ActionOutcome(title, lines, failed);
    }

    private static String stateAfterFailure(NodeTarget target, OperationException refused) {
        return refused.status() == 0
                ? "Whether node/" + target.node() + " changed is unknown until the API server answers again."
                : "Node/" + target.node() + " was not changed.";
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /// The node to drain, when [NodeAction#DRAIN] is enabled, and the GPU it was chosen from.
    public Optional<DrainRequest> drainRequest() {
        List<NodeTarget> aimed = targets.get();
        if (!states.get(NodeAction.DRAIN).get().enabled() || aimed.size() != 1) {
            return Optional.empty();
        }
        NodeTarget target = aimed.getFirst();
        GpuSelection gpu = focused;
        boolean fromGpu = gpu != null && gpu.cluster().equals(target.context()) && gpu.node().equals(target.node());
        return Optional.of(new DrainRequest(target, fromGpu ? gpu.index() : -1));
    }

    public ReadOnlyObjectProperty<ActionState> stateProperty(NodeAction action) {
        return states.get(action).getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<NodeTarget>> targetsProperty() {
        return targets.getReadOnlyProperty();
    }

    /// What the last action did; `null` before the first.
    public ReadOnlyObjectProperty<@Nullable ActionOutcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /// A drain to open the dialog for: `gpu` is the index of the GPU it was chosen from, -1 for none.
    public record DrainRequest(NodeTarget target, int gpu) {
    }
}
