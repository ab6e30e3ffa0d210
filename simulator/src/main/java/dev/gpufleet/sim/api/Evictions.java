package dev.gpufleet.sim.api;

import dev.gpufleet.sim.cluster.SimulatedCluster;
import dev.gpufleet.sim.store.ApiException;
import dev.gpufleet.sim.store.ResourceStore;
import dev.gpufleet.sim.store.Selection;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/// `POST .../pods/{name}/eviction` (policy/v1 Eviction), as the API server answers it: 404 for
/// a pod that is gone; 429 naming the budget when a PodDisruptionBudget selecting a running pod
/// allows no disruption; otherwise 201 and the pod is deleted gracefully (its
/// `deleteOptions.gracePeriodSeconds`, else the pod's own) through
/// [dev.gpufleet.sim.cluster.PodTerminations]. The disruption is spent at once: the pod is
/// terminating, so the budgets of its namespace are recomputed before the answer. Pods that
/// are not running, or already terminating, are evicted without asking the budgets.
final class Evictions {

    private final SimulatedCluster cluster;

    Evictions(SimulatedCluster cluster) {
        this.cluster = cluster;
    }

    void evict(ApiRequest request, String namespace, String name) throws IOException {
        Long grace = gracePeriod(request.body());
        ResourceStore<Pod> pods = cluster.pods();
        // Check and spend under one lock, so two evictions cannot both take the last disruption.
        synchronized (cluster.budgets()) {
            Pod pod = pods.require(namespace, name);
            if (budgetsApply(pod)) {
                for (PodDisruptionBudget pdb : matching(namespace, pod)) {
                    Integer allowed = pdb.getStatus().getDisruptionsAllowed();
                    if (allowed == null || allowed <= 0) {
                        Responses.json(request.exchange(), 429, blocked(pdb));
                        return;
                    }
                }
            }
            if (request.param("dryRun") == null) {
                cluster.terminations().delete(namespace, name, grace);
                cluster.budgets().recompute(namespace, cluster.clock().now());
            }
        }
        Responses.json(request.exchange(), 201, Responses.success(201));
    }

    // The API server skips the budgets for pods that are not running or already terminating.
    private static boolean budgetsApply(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && "Running".equals(pod.getStatus().getPhase());
    }

    private List<PodDisruptionBudget> matching(String namespace, Pod pod) {
        List<PodDisruptionBudget> matching = new ArrayList<>();
        cluster.pdbs().list(namespace, Selection.everything(), 0, null, pdb -> {
            if (selects(pdb, pod)) {
                matching.add(pdb);
            }
        });
        return matching;
    }

    /// `deleteOptions.gracePeriodSeconds` of an Eviction body, or null.
    static @Nullable Long gracePeriod(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode grace = Json.MAPPER.readTree(body).path("deleteOptions").path("gracePeriodSeconds");
            return grace.isIntegralNumber() ? grace.asLong() : null;
        } catch (JacksonException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
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
        ObjectNode body = Responses.status(new ApiException(429, "TooManyRequests",
                "Cannot evict pod as it would violate the pod's disruption budget."));
        ObjectNode cause = body.putObject("details").putArray("causes").addObject();
        cause.put("reason", "DisruptionBudget");
        cause.put("message", "The disruption budget " + pdb.getMetadata().getName() + " needs "
                + status.getDesiredHealthy() + " healthy pods and has " + status.getCurrentHealthy() + " currently");
        return body;
    }
}
