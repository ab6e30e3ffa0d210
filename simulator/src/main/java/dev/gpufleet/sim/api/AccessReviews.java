package dev.gpufleet.sim.api;

import dev.gpufleet.sim.SimUser;
import dev.gpufleet.sim.store.ApiException;
import java.io.IOException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/// `POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews`: answers with the verdict the
/// server itself would give the asking [SimUser] ([SimUser#may]), echoing the spec, as
/// `kubectl auth can-i` and the console's checks before an action expect. Non-resource
/// attributes (`/healthz` and the like) are allowed to everyone.
final class AccessReviews {

    private AccessReviews() {
    }

    static void answer(ApiRequest request, SimUser user) throws IOException {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(request.body());
        } catch (JacksonException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!body.isObject() || !body.path("spec").isObject()) {
            throw new ApiException(422, "Invalid", "SelfSubjectAccessReview is invalid: spec: Required value");
        }
        ObjectNode review = Json.MAPPER.createObjectNode();
        review.put("kind", "SelfSubjectAccessReview");
        review.put("apiVersion", "authorization.k8s.io/v1");
        review.putObject("metadata");
        review.set("spec", body.path("spec").deepCopy());
        ObjectNode status = review.putObject("status");
        JsonNode attributes = body.path("spec").path("resourceAttributes");
        boolean allowed = !attributes.isObject() || user.may(attributes.path("verb").asText(""),
                attributes.path("group").asText(""), attributes.path("resource").asText(""),
                attributes.path("subresource").asText(""));
        status.put("allowed", allowed);
        status.put("reason", allowed ? "RBAC: allowed by the simulated role of user \"" + user.userName() + "\""
                : "no simulated role of user \"" + user.userName() + "\" allows it");
        Responses.json(request.exchange(), 201, review);
    }
}
