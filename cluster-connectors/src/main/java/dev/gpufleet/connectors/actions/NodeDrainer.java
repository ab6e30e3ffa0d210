package dev.gpufleet.connectors.actions;

import dev.gpufleet.core.drain.DrainEvent;
import dev.gpufleet.core.drain.DrainOptions;
import dev.gpufleet.core.drain.DrainPlan;
import dev.gpufleet.core.drain.DrainPlanner;
import dev.gpufleet.core.drain.DrainReport;
import dev.gpufleet.core.drain.DrainReport.Outcome;
import dev.gpufleet.core.drain.GpuPlacement;
import dev.gpufleet.core.drain.PlannedPod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/// Drains a node as DESIGN.md's drain semantics say: plan from a fresh read, cordon, evict
/// every pod the plan removes through the Eviction API at once (each on its own virtual
/// thread), retry a PodDisruptionBudget's 429 every [DrainOptions#BLOCKED_RETRY] saying which
/// budget blocks, take 404 as done, and wait until each pod is gone or replaced (a new uid under
/// its name), within the overall timeout. [DrainRun#cancel()] stops it; the node stays cordoned.
public final class NodeDrainer {

    /// How often a pod that was evicted is asked after: first soon (most pods end within their
    /// grace period of a second or two), then less often, settling at kubectl's once a second.
    static final Duration FIRST_POLL = Duration.ofMillis(100);
    static final Duration POLL = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final String context;
    private final KubeRequests requests;

    public NodeDrainer(KubernetesClient client, String context) {
        this.client = client;
        this.context = context;
        this.requests = new KubeRequests(client, Duration.ofSeconds(30));
    }

    /// The plan for draining `node` now, read fresh; `gpusOf` gives the GPUs and MIG instances
    /// telemetry attributes to a pod (`namespace/name`), for the GPU-aware preview and scope.
    public DrainPlan plan(String node, DrainOptions options, Function<String, List<GpuPlacement>> gpusOf)
            throws ActionException {
        new NodeActions(client, context).isCordoned(node); // a missing node is named before anything else
        DrainCandidates.Read read = new DrainCandidates(client, context).read(node, gpusOf);
        return DrainPlanner.plan(node, read.candidates(), read.budgets(), options);
    }

    /// Starts carrying out `plan` on a virtual thread; events go to `listener` from the drain's
    /// threads as they happen.
    public DrainRun start(DrainPlan plan, Consumer<DrainEvent> listener) {
        DrainRun run = new DrainRun(plan, listener, this);
        run.start();
        return run;
    }

    /// Carries out `plan` on this thread.
    public DrainReport drain(DrainPlan plan, Consumer<DrainEvent> listener) throws InterruptedException {
        DrainRun run = new DrainRun(plan, listener, this);
        return run.runHere();
    }

    NodeActions nodeActions() {
        return new NodeActions(client, context);
    }

    PodEviction eviction() {
        return new PodEviction(requests, context);
    }

    PodWatch podWatch() {
        return new PodWatch(client);
    }

    static DrainReport refused(DrainPlan plan, Duration took) {
        List<PlannedPod> blocking = plan.blocking();
        StringBuilder message = new StringBuilder("Cannot drain node " + plan.node() + ": ");
        message.append(blocking.size()).append(blocking.size() == 1 ? " pod needs" : " pods need")
                .append(" your permission and nothing was evicted (the node is cordoned):");
        for (PlannedPod pod : blocking) {
            message.append("\n  ").append(pod.pod().qualifiedName()).append(": ").append(pod.disposition().description());
        }
        return new DrainReport(plan.node(), Outcome.REFUSED, List.of(),
                blocking.stream().map(p -> p.pod().qualifiedName()).toList(), message.toString(), took);
    }
}
