package dev.gpufleet.sim.api;

import dev.gpufleet.sim.cluster.Priorities;
import dev.gpufleet.sim.cluster.SimulatedCluster;
import dev.gpufleet.sim.objects.Times;
import dev.gpufleet.sim.patch.Patches;
import dev.gpufleet.sim.store.ApiException;
import dev.gpufleet.sim.store.ResourceStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/// PATCH, PUT, DELETE and POST (create) of objects. Every change goes through the store, so it
/// takes a new resource version and reaches watchers as MODIFIED, ADDED or DELETED. `dryRun`
/// computes the answer without storing it.
final class WriteEndpoint {

    private final SimulatedCluster cluster;

    WriteEndpoint(SimulatedCluster cluster) {
        this.cluster = cluster;
    }

    <T extends HasMetadata> void patch(ApiRequest request, ResourceStore<T> store, String namespace, String name)
            throws IOException {
        byte[] body = request.body();
        String contentType = request.contentType();
        T before = store.require(namespace, name);
        T result;
        if (request.param("dryRun") != null) {
            result = applyPatch(store, before, contentType, body);
        } else {
            result = store.update(namespace, name, current -> applyPatch(store, current, contentType, body));
            afterChange(before, result);
        }
        Responses.json(request.exchange(), 200, result);
    }

    private static <T extends HasMetadata> T applyPatch(ResourceStore<T> store, T current, String contentType,
            byte[] body) {
        JsonNode tree = Json.MAPPER.valueToTree(current);
        JsonNode patched = Patches.apply(Json.MAPPER, contentType, tree, body);
        requireSameVersion(store, current, patched.path("metadata").path("resourceVersion").asString(""));
        return toObject(store, patched);
    }

    <T extends HasMetadata> void replace(ApiRequest request, ResourceStore<T> store, String namespace, String name)
            throws IOException {
        T replacement = toObject(store, readBody(request));
        if (!name.equals(replacement.getMetadata().getName())) {
            throw ApiException.badRequest("the name of the object (" + replacement.getMetadata().getName()
                    + ") does not match the name on the URL (" + name + ")");
        }
        T before = store.require(namespace, name);
        T result = replacement;
        if (request.param("dryRun") == null) {
            result = store.update(namespace, name, current -> {
                String version = replacement.getMetadata().getResourceVersion();
                requireSameVersion(store, current, version == null ? "" : version);
                return replacement;
            });
            afterChange(before, result);
        }
        Responses.json(request.exchange(), 200, result);
    }

    /// DELETE; a pod is deleted gracefully (`gracePeriodSeconds` from the query or the
    /// DeleteOptions body, else its own) and answered as it is now, terminating or gone.
    <T extends HasMetadata> void delete(ApiRequest request, ResourceStore<T> store, String namespace, String name)
            throws IOException {
        byte[] body = request.body();
        Object object;
        if (request.param("dryRun") != null) {
            object = store.require(namespace, name);
        } else if (isPods(store)) {
            object = cluster.terminations().delete(namespace, name, gracePeriod(request, body));
            cluster.podChanged(namespace);
        } else {
            object = store.delete(namespace, name);
            if (object instanceof Job) {
                // Background or foreground propagation: the Job's pod goes with it.
                cluster.jobDeleted(namespace, name);
            }
        }
        Responses.json(request.exchange(), 200, object);
    }

    private static @Nullable Long gracePeriod(ApiRequest request, byte[] body) {
        String query = request.param("gracePeriodSeconds");
        if (query != null) {
            try {
                return Long.parseLong(query);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("gracePeriodSeconds must be a whole number of seconds, not " + query);
            }
        }
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode grace = Json.MAPPER.readTree(body).path("gracePeriodSeconds");
            return grace.isIntegralNumber() ? grace.asLong() : null;
        } catch (JacksonException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static boolean isPods(ResourceStore<?> store) {
        return store.objectClass() == Pod.class && store.type().plural().equals("pods");
    }

    <T extends HasMetadata> void create(ApiRequest request, ResourceStore<T> store, String namespace)
            throws IOException {
        T object = toObject(store, readBody(request));
        if (store.type().namespaced()) {
            String bodyNamespace = object.getMetadata().getNamespace();
            if (bodyNamespace != null && !bodyNamespace.equals(namespace)) {
                throw ApiException.badRequest("the namespace of the provided object does not match the namespace sent "
                        + "on the request");
            }
            object.getMetadata().setNamespace(namespace);
        }
        if (object.getMetadata().getName() == null && object.getMetadata().getGenerateName() != null) {
            object.getMetadata().setName(object.getMetadata().getGenerateName()
                    + UUID.randomUUID().toString().substring(0, 5));
        }
        if (object.getMetadata().getName() == null) {
            throw ApiException.invalid(store.type(), "", "metadata.name: Required value: name or generateName is required");
        }
        boolean newPod = object instanceof Pod && store.type().plural().equals("pods");
        if (object instanceof Pod pod && newPod) {
            object = store.objectClass().cast(cluster.podRuns().admit(Priorities.admit(pod)));
        }
        if (request.param("dryRun") == null) {
            object = store.create(object, Times.time(cluster.clock().now()));
            if (object instanceof Pod pod && newPod) {
                cluster.podCreated(pod);
            }
            if (object instanceof Job job) {
                cluster.jobCreated(job);
            }
        }
        Responses.json(request.exchange(), 201, object);
    }

    private static JsonNode readBody(ApiRequest request) throws IOException {
        try {
            return Json.MAPPER.readTree(request.body());
        } catch (JacksonException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static <T extends HasMetadata> T toObject(ResourceStore<T> store, JsonNode tree) {
        try {
            return Json.MAPPER.treeToValue(tree, store.objectClass());
        } catch (JacksonException e) {
            throw ApiException.badRequest("the object is not a valid " + store.type().kind() + ": " + e.getOriginalMessage());
        }
    }

    // Optimistic concurrency: a version in the body must be the current one.
    private static void requireSameVersion(ResourceStore<?> store, HasMetadata current, String version) {
        if (!version.isEmpty() && !version.equals(current.getMetadata().getResourceVersion())) {
            throw ApiException.conflict(store.type(), current.getMetadata().getName());
        }
    }

    private void afterChange(HasMetadata before, HasMetadata after) {
        if (after instanceof Pod pod) {
            cluster.podChanged(pod.getMetadata().getNamespace());
        }
        if (before instanceof Node oldNode && after instanceof Node newNode) {
            boolean was = Boolean.TRUE.equals(oldNode.getSpec().getUnschedulable());
            boolean is = Boolean.TRUE.equals(newNode.getSpec().getUnschedulable());
            if (was != is) {
                cluster.nodeSchedulingChanged(Objects.requireNonNull(newNode.getMetadata().getName()), is);
            }
        }
    }
}
