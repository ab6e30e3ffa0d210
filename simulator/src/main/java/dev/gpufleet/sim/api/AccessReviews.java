package dev.gpufleet.sim.api;

import dev.gpufleet.sim.store.ApiException;
import java.io.IOException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/// `POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews`: the simulator has one user,
/// the holder of its token, and lets it do everything; the review says so, echoing the spec,
/// so RBAC checks before an action (`kubectl auth can-i`, the console's commands) pass.
final class AccessReviews {

    private AccessReviews() {
    }

    static void answer(ApiRequest request) throws IOException {
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
        status.put("allowed", true);
        status.put("reason", "the simulated cluster grants its token holder every permission");
        Responses.json(request.exchange(), 201, review);
    }
}
