package dev.gpufleet.connectors.actions;

import dev.gpufleet.core.rebalance.Move;
import dev.gpufleet.core.rebalance.MoveEvent;
import dev.gpufleet.core.rebalance.PodBudget;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/// Carries out a rebalance plan's moves: each is an eviction through drain's code ([PodTask]:
/// a PodDisruptionBudget's 429 retried every [dev.gpufleet.core.drain.DrainOptions#BLOCKED_RETRY]
/// naming the budget, 404 taken as done), then a wait until the pod's owner has its replacement
/// scheduled. Also reads the PodDisruptionBudgets a plan must respect.
public final class PodMoves {

    private final KubernetesClient client;
    private final String context;
    private final NodeDrainer drainer;

    PodMoves(KubernetesClient client, String context) {
        this.client = client;
        this.context = context;
        this.drainer = new NodeDrainer(client, context);
    }

    /// How to apply moves.
    ///
    /// @param concurrency  the most moves in flight at once (1 or more)
    /// @param cordonSource cordon each move's source node before evicting, so the replacement cannot land back
    /// @param timeout      give up after this long; zero waits as long as it takes
    public record Settings(int concurrency, boolean cordonSource, Duration timeout) {
        public Settings {
            if (concurrency < 1) {
                throw new IllegalArgumentException("--concurrency must be 1 or more, not " + concurrency);
            }
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("the timeout must not be negative, got " + timeout);
            }
        }
    }

    /// Every PodDisruptionBudget of the cluster, with the pods it selects resolved as drain resolves them.
    public List<PodBudget> budgets() throws ActionException {
        List<PodDisruptionBudget> pdbs;
        try {
            pdbs = client.policy().v1().podDisruptionBudget().inAnyNamespace().list().getItems();
        } catch (KubernetesClientException failed) {
            throw ApiErrors.explain(failed.getCode(), failed.getMessage(), "Could not list the PodDisruptionBudgets",
                    "list poddisruptionbudgets (policy) in all namespaces", context);
        }
        Map<String, List<Pod>> podsByNamespace = new HashMap<>();
        List<PodBudget> budgets = new ArrayList<>(pdbs.size());
        for (PodDisruptionBudget pdb : pdbs) {
            String namespace = pdb.getMetadata().getNamespace();
            List<Pod> pods = podsByNamespace.computeIfAbsent(namespace, this::podsIn);
            Set<String> selected = new HashSet<>();
            for (Pod pod : pods) {
                if (DrainCandidates.selects(pdb.getSpec().getSelector(), pod.getMetadata().getLabels())) {
                    selected.add(namespace + "/" + pod.getMetadata().getName());
                }
            }
            budgets.add(new PodBudget(DrainCandidates.status(pdb), selected));
        }
        return budgets;
    }

    /// Starts applying `moves` in step order on virtual threads; events go to `listener` from
    /// the run's threads. A listener that throws on [MoveEvent.Starting] (e.g. an audit log that
    /// cannot be written) fails that move before anything is evicted.
    public MoveRun start(List<Move> moves, Settings settings, Consumer<MoveEvent> listener) {
        MoveRun run = new MoveRun(moves, settings, listener, this);
        run.start();
        return run;
    }

    NodeDrainer drainer() {
        return drainer;
    }

    /// The pod under `namespace/name` now, or null when there is none.
    @Nullable Pod currentPod(String namespace, String name) throws ActionException {
        try {
            return client.pods().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException failed) {
            throw ApiErrors.explain(failed.getCode(), failed.getMessage(), "Could not read pod " + namespace + "/" + name,
                    "get pods in namespace " + namespace, context);
        }
    }

    /// The pods of `namespace`; a failed read is an empty list (the move then waits and asks again).
    List<Pod> podsIn(String namespace) {
        try {
            return client.pods().inNamespace(namespace).list().getItems();
        } catch (KubernetesClientException transientProblem) {
            return List.of();
        }
    }
}
