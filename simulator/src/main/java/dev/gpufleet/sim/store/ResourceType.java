package dev.gpufleet.sim.store;

import java.util.List;

/// One resource of the API (e.g. `apps/v1 deployments`), as discovery describes it.
///
/// @param group       API group, empty for the core group
/// @param version     API version, e.g. `v1`
/// @param plural      the resource name in paths, e.g. `pods`
/// @param singular    singular name, e.g. `pod`
/// @param kind        object kind, e.g. `Pod`
/// @param namespaced  whether objects live in namespaces
/// @param shortNames  kubectl short names, e.g. `po`
/// @param verbs       verbs discovery advertises
/// @param categories  discovery categories, e.g. `all`
public record ResourceType(String group, String version, String plural, String singular, String kind,
        boolean namespaced, List<String> shortNames, List<String> verbs, List<String> categories) {

    /// Verbs of a read-only resource.
    public static final List<String> READ = List.of("get", "list", "watch");
    /// Verbs of a resource that can also be changed.
    public static final List<String> READ_WRITE =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    public ResourceType {
        shortNames = List.copyOf(shortNames);
        verbs = List.copyOf(verbs);
        categories = List.copyOf(categories);
    }

    /// `v1` for the core group, otherwise `group/version`.
    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public String listKind() {
        return kind + "List";
    }

    /// `pods` for the core group, `deployments.apps` otherwise, as error messages name it.
    public String qualifiedPlural() {
        return group.isEmpty() ? plural : plural + "." + group;
    }
}
