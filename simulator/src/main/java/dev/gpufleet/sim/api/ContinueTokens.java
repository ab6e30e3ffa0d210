package dev.gpufleet.sim.api;

import dev.gpufleet.sim.store.ApiException;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/// `continue` tokens shaped like the API server's: base64 of `{"v","rv","start"}`, where
/// `start` is the last key returned. Opaque to clients; only this server reads them back.
final class ContinueTokens {

    private ContinueTokens() {
    }

    static String encode(long resourceVersion, String lastKey) {
        ObjectNode token = Json.MAPPER.createObjectNode();
        token.put("v", "meta.k8s.io/v1");
        token.put("rv", resourceVersion);
        token.put("start", lastKey);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.MAPPER.writeValueAsBytes(token));
    }

    /// The last key a previous page returned.
    static String decode(String token) {
        try {
            JsonNode node = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token.trim()));
            JsonNode start = node.get("start");
            if (start == null || !start.isString()) {
                throw new IllegalArgumentException();
            }
            return start.asString();
        } catch (IllegalArgumentException | JacksonException e) {
            throw ApiException.badRequest("continue key is not valid: \"" + token + "\"");
        }
    }
}
