package dev.gpufleet.core.rebalance;

import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRecord;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// The scheduler's node filter for GPU pods as the planner applies it: node state (cordon,
/// readiness, GPU health), GPU resources (count per resource, so MIG profiles count as their own
/// resources), taints against tolerations, `nodeSelector` and required node affinity.
///
/// Stricter than the scheduler where a planner should be: a node whose GPUs are degraded
/// ([Health#WARNING]) or failing receives nothing. [Health#UNKNOWN] (no telemetry) may receive.
/// CPU and memory are not checked: GPU nodes are sized for their GPUs.
public final class NodeFit {

    private NodeFit() {
    }

    /// Why `pod` can never go to `node` as it is now, whatever is free on it; `null` when it could.
    public static @Nullable Misfit staticMisfit(NodeRecord node, Health health, PodRecord pod) {
        @Nullable Misfit state = stateMisfit(node, health);
        if (state != null) {
            return state;
        }
        for (Map.Entry<String, Long> request : pod.gpuRequests().entrySet()) {
            if (node.gpuResources().getOrDefault(request.getKey(), 0L) < request.getValue()) {
                return Misfit.NO_SUCH_RESOURCE;
            }
        }
        if (!pod.scheduling().toleratesAll(node.taints())) {
            return Misfit.TAINT;
        }
        if (!pod.scheduling().selects(node.name(), node.labels())) {
            return Misfit.SELECTOR;
        }
        return null;
    }

    /// Why `pod` cannot go to `node` with `free` GPUs of each resource left; `null` when it fits.
    public static @Nullable Misfit misfit(NodeRecord node, Health health, Map<String, Long> free, PodRecord pod) {
        @Nullable Misfit never = staticMisfit(node, health, pod);
        if (never != null) {
            return never;
        }
        for (Map.Entry<String, Long> request : pod.gpuRequests().entrySet()) {
            if (free.getOrDefault(request.getKey(), 0L) < request.getValue()) {
                return Misfit.NO_ROOM;
            }
        }
        return null;
    }

    public static boolean fits(NodeRecord node, Health health, Map<String, Long> free, PodRecord pod) {
        return misfit(node, health, free, pod) == null;
    }

    /// Whether the node may receive pods at all: schedulable, Ready, GPUs neither degraded nor failing.
    public static boolean receives(NodeRecord node, Health health) {
        return stateMisfit(node, health) == null;
    }

    private static @Nullable Misfit stateMisfit(NodeRecord node, Health health) {
        if (node.unschedulable()) {
            return Misfit.UNSCHEDULABLE;
        }
        if (!node.ready()) {
            return Misfit.NOT_READY;
        }
        if (health == Health.WARNING || health == Health.FAILING) {
            return Misfit.UNHEALTHY;
        }
        return null;
    }
}
