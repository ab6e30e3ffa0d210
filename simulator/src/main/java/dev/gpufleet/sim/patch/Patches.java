package dev.gpufleet.sim.patch;

import dev.gpufleet.sim.store.ApiException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/// Applies a PATCH body to an object's JSON by its content type: JSON merge patch, strategic
/// merge patch (as a merge patch that replaces lists, which is what strategic merge does for
/// the fields operators patch: `spec.unschedulable`, `spec.taints`, labels, annotations) and
/// JSON patch. Server-side apply is refused with 415.
public final class Patches {

    public static final String MERGE = "application/merge-patch+json";
    public static final String STRATEGIC = "application/strategic-merge-patch+json";
    public static final String JSON_PATCH = "application/json-patch+json";

    private Patches() {
    }

    public static JsonNode apply(ObjectMapper mapper, String contentType, JsonNode target, byte[] body) {
        JsonNode patch;
        try {
            patch = mapper.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("the patch is not valid JSON: " + e.getOriginalMessage());
        }
        return switch (contentType) {
            case MERGE -> MergePatch.apply(target, patch, false);
            case STRATEGIC -> MergePatch.apply(target, patch, true);
            case JSON_PATCH -> JsonPatch.apply(target, patch);
            default -> throw new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown "
                    + "format - accepted media types include: " + JSON_PATCH + ", " + MERGE + ", " + STRATEGIC);
        };
    }
}
