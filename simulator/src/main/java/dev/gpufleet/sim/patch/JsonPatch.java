package dev.gpufleet.sim.patch;

import dev.gpufleet.sim.store.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/// JSON Patch (RFC 6902): `add`, `remove`, `replace`, `move`, `copy` and `test` operations on
/// JSON Pointer paths, applied in order to a copy of the target.
final class JsonPatch {

    private JsonPatch() {
    }

    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isArray()) {
            throw ApiException.badRequest("a JSON patch must be an array of operations");
        }
        JsonNode doc = target.deepCopy();
        for (JsonNode op : patch) {
            doc = applyOne(doc, op);
        }
        return doc;
    }

    private static JsonNode applyOne(JsonNode doc, JsonNode op) {
        String kind = text(op, "op");
        String path = text(op, "path");
        return switch (kind) {
            case "add" -> add(doc, path, value(op));
            case "remove" -> {
                remove(doc, path);
                yield doc;
            }
            case "replace" -> {
                get(doc, path);
                remove(doc, path);
                yield add(doc, path, value(op));
            }
            case "move" -> {
                JsonNode moved = get(doc, text(op, "from"));
                remove(doc, text(op, "from"));
                yield add(doc, path, moved);
            }
            case "copy" -> add(doc, path, get(doc, text(op, "from")).deepCopy());
            case "test" -> {
                if (!get(doc, path).equals(value(op))) {
                    throw new ApiException(422, "Invalid", "the test operation on " + path + " failed");
                }
                yield doc;
            }
            default -> throw ApiException.badRequest("unknown JSON patch operation \"" + kind + "\"");
        };
    }

    private static JsonNode add(JsonNode doc, String path, JsonNode value) {
        if (path.isEmpty()) {
            return value.deepCopy();
        }
        JsonNode parent = get(doc, parentOf(path));
        String last = lastToken(path);
        if (parent instanceof ObjectNode object) {
            object.set(last, value.deepCopy());
        } else if (parent instanceof ArrayNode array) {
            if (last.equals("-")) {
                array.add(value.deepCopy());
            } else {
                array.insert(index(array, last, true), value.deepCopy());
            }
        } else {
            throw pathError(path);
        }
        return doc;
    }

    private static void remove(JsonNode doc, String path) {
        JsonNode parent = get(doc, parentOf(path));
        String last = lastToken(path);
        if (parent instanceof ObjectNode object && object.has(last)) {
            object.remove(last);
        } else if (parent instanceof ArrayNode array) {
            array.remove(index(array, last, false));
        } else {
            throw pathError(path);
        }
    }

    private static JsonNode get(JsonNode doc, String path) {
        JsonNode node = doc;
        if (path.isEmpty()) {
            return node;
        }
        for (String raw : path.substring(1).split("/", -1)) {
            String token = unescape(raw);
            node = node.isArray() ? node.get(index((ArrayNode) node, token, false)) : node.get(token);
            if (node == null) {
                throw pathError(path);
            }
        }
        return node;
    }

    private static int index(ArrayNode array, String token, boolean forAdd) {
        try {
            int i = Integer.parseInt(token);
            if (i < 0 || i > array.size() || (!forAdd && i == array.size())) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("JSON patch index \"" + token + "\" is out of range");
        }
    }

    private static String parentOf(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    private static String lastToken(String path) {
        return unescape(path.substring(path.lastIndexOf('/') + 1));
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    private static String text(JsonNode op, String field) {
        JsonNode v = op.get(field);
        if (v == null || !v.isString()) {
            throw ApiException.badRequest("JSON patch operation lacks \"" + field + "\": " + op);
        }
        return v.asString();
    }

    private static JsonNode value(JsonNode op) {
        JsonNode v = op.get("value");
        if (v == null) {
            throw ApiException.badRequest("JSON patch operation lacks \"value\": " + op);
        }
        return v;
    }

    private static ApiException pathError(String path) {
        return new ApiException(422, "Invalid", "the JSON patch path \"" + path + "\" does not exist");
    }
}
