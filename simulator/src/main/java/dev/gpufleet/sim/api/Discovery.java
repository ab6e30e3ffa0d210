package dev.gpufleet.sim.api;

import dev.gpufleet.sim.cluster.Resources;
import dev.gpufleet.sim.store.ApiException;
import dev.gpufleet.sim.store.ResourceType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/// The discovery documents: `/version`, `/api`, `/apis`, `/apis/{group}` and the resource list
/// of each group-version, in the legacy (unaggregated) JSON form. kubectl asks for the
/// aggregated `apidiscovery.k8s.io/v2` form first and falls back to this one when the answer's
/// content type is plain `application/json`.
final class Discovery {

    private final String serverAddress;

    Discovery(String serverAddress) {
        this.serverAddress = serverAddress;
    }

    ObjectNode version() {
        ObjectNode v = Json.MAPPER.createObjectNode();
        v.put("major", "1");
        v.put("minor", "31");
        v.put("gitVersion", "v1.31.4");
        v.put("gitCommit", "a78aa47129b8539636eb86a9d00e31b2720fe06b");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "2024-12-10T11:37:40Z");
        v.put("goVersion", "go1.22.9");
        v.put("compiler", "gc");
        v.put("platform", "linux/amd64");
        return v;
    }

    ObjectNode coreVersions() {
        ObjectNode v = Json.MAPPER.createObjectNode();
        v.put("kind", "APIVersions");
        v.putArray("versions").add("v1");
        ObjectNode address = v.putArray("serverAddressByClientCIDRs").addObject();
        address.put("clientCIDR", "0.0.0.0/0");
        address.put("serverAddress", serverAddress);
        return v;
    }

    ObjectNode groupList() {
        ObjectNode list = Json.MAPPER.createObjectNode();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        groupVersions().forEach((group, version) -> groups.add(group(group, version, false)));
        return list;
    }

    /// The `APIGroup` document of one group.
    ObjectNode group(String name) {
        String version = groupVersions().get(name);
        if (version == null) {
            throw notFound();
        }
        return group(name, version, true);
    }

    private static ObjectNode group(String name, String version, boolean withKind) {
        ObjectNode group = Json.MAPPER.createObjectNode();
        if (withKind) {
            group.put("kind", "APIGroup");
            group.put("apiVersion", "v1");
        }
        group.put("name", name);
        ObjectNode gv = group.putArray("versions").addObject();
        gv.put("groupVersion", name + "/" + version);
        gv.put("version", version);
        ObjectNode preferred = group.putObject("preferredVersion");
        preferred.put("groupVersion", name + "/" + version);
        preferred.put("version", version);
        return group;
    }

    private static Map<String, String> groupVersions() {
        Map<String, String> groups = new LinkedHashMap<>();
        for (ResourceType t : Resources.ALL_TYPES) {
            if (!t.group().isEmpty()) {
                groups.putIfAbsent(t.group(), t.version());
            }
        }
        return groups;
    }

    /// The `APIResourceList` of one group-version, subresources included.
    ObjectNode resourceList(String group, String version) {
        List<ResourceType> types = Resources.ALL_TYPES.stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version)).toList();
        if (types.isEmpty()) {
            throw notFound();
        }
        ObjectNode list = Json.MAPPER.createObjectNode();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", types.getFirst().apiVersion());
        ArrayNode resources = list.putArray("resources");
        for (ResourceType t : types) {
            ObjectNode r = resources.addObject();
            r.put("name", t.plural());
            r.put("singularName", t.singular());
            r.put("namespaced", t.namespaced());
            r.put("kind", t.kind());
            t.verbs().forEach(r.putArray("verbs")::add);
            if (!t.shortNames().isEmpty()) {
                t.shortNames().forEach(r.putArray("shortNames")::add);
            }
            if (!t.categories().isEmpty()) {
                t.categories().forEach(r.putArray("categories")::add);
            }
            for (String sub : Resources.subresources(t)) {
                addSubresource(resources, t, sub);
            }
        }
        return list;
    }

    private static void addSubresource(ArrayNode resources, ResourceType t, String sub) {
        ObjectNode r = resources.addObject();
        r.put("name", t.plural() + "/" + sub);
        r.put("singularName", "");
        r.put("namespaced", t.namespaced());
        List<String> verbs;
        switch (sub) {
            case "eviction" -> {
                r.put("group", "policy");
                r.put("version", "v1");
                r.put("kind", "Eviction");
                verbs = List.of("create");
            }
            case "proxy" -> {
                r.put("kind", t.kind() + "ProxyOptions");
                verbs = List.of("create", "delete", "get", "patch", "update");
            }
            case "scale" -> {
                r.put("group", "autoscaling");
                r.put("version", "v1");
                r.put("kind", "Scale");
                verbs = List.of("get", "patch", "update");
            }
            case "log" -> {
                r.put("kind", t.kind());
                verbs = List.of("get");
            }
            default -> {
                r.put("kind", t.kind());
                verbs = List.of("get", "patch", "update");
            }
        }
        verbs.forEach(r.putArray("verbs")::add);
    }

    static ApiException notFound() {
        return new ApiException(404, "NotFound", "the server could not find the requested resource");
    }
}
