package dev.gpufleet.sim.api;

import dev.gpufleet.sim.SimUser;
import dev.gpufleet.sim.store.ApiException;
import java.util.Locale;

/// Turns a resource request into RBAC's terms (verb, group, resource, subresource) and refuses
/// it with the real API server's 403 when the user may not, e.g.
/// `nodes "gpu-a-001" is forbidden: User "viewer" cannot patch resource "nodes" in API group "" at the cluster scope`.
final class Authorizer {

    private Authorizer() {
    }

    static void check(ApiRequest request, ApiPath api) {
        String resource = api.resource();
        if (resource == null) {
            return;
        }
        String subresource = api.subresource() == null ? "" : api.subresource();
        String verb = verb(request, api);
        SimUser user = request.user();
        if (user.may(verb, api.group(), resource, subresource)) {
            return;
        }
        String what = subresource.isEmpty() ? resource : resource + "/" + subresource;
        String object = api.name() == null ? resource : resource + " \"" + api.name() + "\"";
        String scope = api.namespace() == null ? "at the cluster scope" : "in the namespace \"" + api.namespace() + "\"";
        throw new ApiException(403, "Forbidden", object + " is forbidden: User \"" + user.userName() + "\" cannot "
                + verb + " resource \"" + what + "\" in API group \"" + api.group() + "\" " + scope);
    }

    private static String verb(ApiRequest request, ApiPath api) {
        boolean collection = api.name() == null;
        return switch (request.method()) {
            case "GET", "HEAD" -> collection ? ("true".equals(request.param("watch")) ? "watch" : "list") : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> collection ? "deletecollection" : "delete";
            default -> request.method().toLowerCase(Locale.ROOT);
        };
    }
}
