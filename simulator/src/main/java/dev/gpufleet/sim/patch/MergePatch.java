package dev.gpufleet.sim.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/// JSON Merge Patch (RFC 7386): objects merge key by key, `null` deletes a key, everything else
/// (arrays included) replaces.
final class MergePatch {

    private MergePatch() {
    }

    static JsonNode apply(JsonNode target, JsonNode patch, boolean strategic) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target.isObject() ? ((ObjectNode) target).deepCopy() : ((ObjectNode) patch).objectNode();
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(patch.properties());
        for (Map.Entry<String, JsonNode> e : entries) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            if (strategic && key.startsWith("$")) {
                // Strategic-merge directives ($setElementOrder, $retainKeys, $patch) only tune how
                // lists merge; for the fields this server patches a plain merge does the same.
                continue;
            }
            if (value.isNull()) {
                result.remove(key);
            } else if (value.isObject()) {
                JsonNode existing = result.get(key);
                result.set(key, apply(existing == null ? result.objectNode() : existing, value, strategic));
            } else {
                result.set(key, value.deepCopy());
            }
        }
        return result;
    }
}
