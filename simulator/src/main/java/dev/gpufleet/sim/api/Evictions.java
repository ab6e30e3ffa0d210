package dev.gpufleet.sim.api;

import dev.gpufleet.sim.cluster.SimulatedCluster;
import dev.gpufleet.sim.store.ResourceStore;
import dev.gpufleet.sim.store.Selection;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/// `POST .../pods/{name}/eviction` (policy/v1 Eviction): deletes the pod unless a
/// PodDisruptionBudget selecting it allows no disruption, which answers 429 naming the budget,
/// as the API server does. A granted eviction uses up one allowed disruption of each matching
/// budget. Controllers do not replace evicted pods in the simulation.
final class Evictions {

    private final SimulatedCluster cluster;

    Evictions(SimulatedCluster cluster) {
        this.cluster = cluster;
    }

    // One eviction at a time: the budget check and the spending of a disruption must not
    // interleave, or two concurrent evictions both see the last allowed disruption (the API
    // server gets the same guarantee from the budget's resourceVersion).
    synchronized void evict(ApiRequest request, String namespace, String name) throws IOException {
        request.body();
        ResourceStore<Pod> pods = cluster.pods();
        Pod pod = pods.require(namespace, name);
        ResourceStore<PodDisruptionBudget> pdbs = cluster.pdbs();
        List<PodDisruptionBudget> matching = new ArrayList<>();
        pdbs.list(namespace, Selection.everything(), 0, null, pdb -> {
            if (selects(pdb, pod)) {
                matching.add(pdb);
            }
        });
        for (PodDisruptionBudget pdb : matching) {
            var status = pdb.getStatus();
            if (status.getDisruptionsAllowed() == null || status.getDisruptionsAllowed() <= 0) {
                Responses.json(request.exchange(), 429, blocked(pdb));
                return;
            }
        }
        if (request.param("dryRun") == null) {
            pods.delete(namespace, name);
            for (PodDisruptionBudget pdb : matching) {
                pdbs.update(namespace, pdb.getMetadata().getName(), current -> {
                    PodDisruptionBudget next = new PodDisruptionBudgetBuilder(current).build();
                    var s = next.getStatus();
                    s.setCurrentHealthy(s.getCurrentHealthy() - 1);
                    s.setDisruptionsAllowed(Math.max(0, s.getDisruptionsAllowed() - 1));
                    return next;
                });
            }
        }
        Responses.json(request.exchange(), 201, Responses.success(201));
    }

    private static boolean selects(PodDisruptionBudget pdb, Pod pod) {
        Map<String, String> wanted = pdb.getSpec().getSelector() == null ? null
                : pdb.getSpec().getSelector().getMatchLabels();
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (wanted == null || wanted.isEmpty() || labels == null) {
            return false;
        }
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static ObjectNode blocked(PodDisruptionBudget pdb) {
        var status = pdb.getStatus();
        ObjectNode body = Responses.status(new dev.gpufleet.sim.store.ApiException(429, "TooManyRequests",
                "Cannot evict pod as it would violate the pod's disruption budget."));
        ObjectNode cause = body.putObject("details").putArray("causes").addObject();
        cause.put("reason", "DisruptionBudget");
        cause.put("message", "The disruption budget " + pdb.getMetadata().getName() + " needs "
                + status.getDesiredHealthy() + " healthy pods and has " + status.getCurrentHealthy() + " currently");
        return body;
    }
}
