package dev.gpufleet.connectors.actions;

import dev.gpufleet.core.drain.DrainCandidate;
import dev.gpufleet.core.drain.DrainEvent;
import dev.gpufleet.core.drain.DrainOptions;
import dev.gpufleet.core.drain.Disposition;
import dev.gpufleet.core.drain.PlannedPod;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.rebalance.Move;
import dev.gpufleet.core.rebalance.MoveEvent;
import dev.gpufleet.core.rebalance.MoveResult;
import dev.gpufleet.core.rebalance.MoveResult.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/// One move of a rebalance: cordon the source (if asked), evict the pod with drain's [PodTask],
/// then wait until its owner's newest pod is scheduled, and say where it landed.
final class MoveTask {

    private final Move move;
    private final Consumer<MoveEvent> listener;
    private final PodMoves pods;
    private final BooleanSupplier cancelled;
    private final boolean cordonSource;

    MoveTask(Move move, Consumer<MoveEvent> listener, PodMoves pods, BooleanSupplier cancelled, boolean cordonSource) {
        this.move = move;
        this.listener = listener;
        this.pods = pods;
        this.cancelled = cancelled;
        this.cordonSource = cordonSource;
    }

    MoveResult call() {
        MoveResult result;
        try {
            listener.accept(new MoveEvent.Starting(move));
            result = evictAndFollow();
        } catch (ActionException failed) {
            result = new MoveResult(move, Status.FAILED, null, Objects.requireNonNullElse(failed.getMessage(), "failed"));
        } catch (InterruptedException stopped) {
            result = new MoveResult(move, Status.STOPPED, null, "stopped before the move was done");
        } catch (RuntimeException notStarted) {
            result = new MoveResult(move, Status.FAILED, null, "not started: " + notStarted.getMessage());
        }
        listener.accept(new MoveEvent.Finished(move, result));
        return result;
    }

    private MoveResult evictAndFollow() throws ActionException, InterruptedException {
        var target = move.pod();
        if (cordonSource) {
            boolean changed = pods.drainer().nodeActions().cordon(move.from());
            listener.accept(new MoveEvent.Evicting(move, new DrainEvent.Cordoned(move.from(), !changed)));
        }
        Pod pod = pods.currentPod(target.namespace(), target.name());
        if (pod == null || !move.from().equals(pod.getSpec().getNodeName())) {
            return new MoveResult(move, Status.GONE, null, "pod " + target.qualifiedName() + " is no longer on "
                    + move.from() + "; nothing to evict");
        }
        DrainCandidate candidate = DrainCandidates.candidate(pod, budgetNames(), List.of());
        PodTask task = new PodTask(new PlannedPod(candidate, Disposition.EVICT), DrainOptions.defaults(),
                event -> listener.accept(new MoveEvent.Evicting(move, event)), pods.drainer(), cancelled);
        task.run();
        return switch (task.state()) {
            case GONE -> awaitReplacement(candidate);
            case BLOCKED -> new MoveResult(move, Status.BLOCKED, null, "held back until the end: "
                    + Objects.requireNonNullElse(task.problem(), "a PodDisruptionBudget allows no disruption"));
            case FAILED -> new MoveResult(move, Status.FAILED, null, Objects.requireNonNullElse(task.problem(), "failed"));
            default -> new MoveResult(move, Status.STOPPED, null, "stopped while " + task.state().name().toLowerCase(
                    java.util.Locale.ROOT));
        };
    }

    /// Waits until the owner's newest pod (not the evicted one) has a node.
    private MoveResult awaitReplacement(DrainCandidate evicted) throws InterruptedException {
        OwnerRef owner = evicted.owner();
        if (owner == null) {
            return new MoveResult(move, Status.GONE, null, "evicted; no controller owns it, so nothing replaces it");
        }
        while (!cancelled.getAsBoolean()) {
            Pod newest = newestOf(owner, evicted.uid());
            String node = newest == null ? null : newest.getSpec().getNodeName();
            if (node != null && !node.isEmpty()) {
                return new MoveResult(move, Status.LANDED, node, owner.kind() + "/" + owner.name() + "'s replacement "
                        + newest.getMetadata().getName() + " scheduled on " + node
                        + (node.equals(move.to()) ? " as planned" : " (the plan expected " + move.to() + ")"));
            }
            Thread.sleep(NodeDrainer.POLL);
        }
        return new MoveResult(move, Status.STOPPED, null, "evicted; stopped while its replacement waited to be scheduled");
    }

    private @Nullable Pod newestOf(OwnerRef owner, String evictedUid) {
        return pods.podsIn(move.pod().namespace()).stream()
                .filter(p -> !evictedUid.equals(p.getMetadata().getUid()))
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> ownedBy(p, owner))
                .max(Comparator.comparing((Pod p) -> Objects.requireNonNullElse(p.getMetadata().getCreationTimestamp(), ""))
                        .thenComparing(p -> p.getMetadata().getName()))
                .orElse(null);
    }

    private static boolean ownedBy(Pod pod, OwnerRef owner) {
        return pod.getMetadata().getOwnerReferences() != null && pod.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> Boolean.TRUE.equals(o.getController()) && owner.kind().equals(o.getKind())
                        && owner.name().equals(o.getName()));
    }

    /// The budgets the plan says this eviction counts against, by name (drain names them so).
    private List<String> budgetNames() {
        return move.risk().budgetsConsumed().stream().map(b -> b.substring(b.indexOf('/') + 1)).toList();
    }
}
