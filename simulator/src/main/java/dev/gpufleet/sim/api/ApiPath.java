package dev.gpufleet.sim.api;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/// A resource path of the Kubernetes API taken apart:
/// `/api/v1/namespaces/{ns}/{resource}/{name}/{subresource}/{rest...}` and the same under
/// `/apis/{group}/{version}`, with or without the namespace part.
///
/// @param group       API group, empty for `/api`
/// @param version     API version
/// @param namespace   the namespace segment, or null
/// @param resource    the resource plural, or null for the group-version's discovery document
/// @param name        the object name (may carry `:port` for proxies), or null for a collection
/// @param subresource e.g. `status`, `proxy`, `eviction`, or null
/// @param rest        what follows the subresource, e.g. `metrics` for a proxy, else empty
public record ApiPath(String group, String version, @Nullable String namespace, @Nullable String resource,
        @Nullable String name, @Nullable String subresource, String rest) {

    /// Parses a decoded path, or returns null when it is not under `/api/{v}` or `/apis/{g}/{v}`.
    public static @Nullable ApiPath parse(String path) {
        List<String> s = segments(path);
        int from;
        String group;
        if (s.size() >= 2 && s.get(0).equals("api")) {
            group = "";
            from = 2;
        } else if (s.size() >= 3 && s.get(0).equals("apis")) {
            group = s.get(1);
            from = 3;
        } else {
            return null;
        }
        String version = s.get(from - 1);
        List<String> r = s.subList(from, s.size());
        if (r.isEmpty()) {
            return new ApiPath(group, version, null, null, null, null, "");
        }
        boolean namespaced = r.get(0).equals("namespaces") && r.size() >= 3
                && !r.get(2).equals("status") && !r.get(2).equals("finalize");
        if (namespaced) {
            return of(group, version, r.get(1), r.subList(2, r.size()));
        }
        return of(group, version, null, r);
    }

    private static ApiPath of(String group, String version, @Nullable String namespace, List<String> r) {
        String name = r.size() > 1 ? r.get(1) : null;
        String sub = r.size() > 2 ? r.get(2) : null;
        String rest = r.size() > 3 ? String.join("/", r.subList(3, r.size())) : "";
        return new ApiPath(group, version, namespace, r.get(0), name, sub, rest);
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }
}
