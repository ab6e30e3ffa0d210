package dev.gpufleet.connectors.kube;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// One kubeconfig context as the console lists it: what it is called, which cluster and user
/// it pairs, the API server's URL (`null` when its cluster entry is missing), the default
/// namespace if any, and where it was defined (a path as people write it, e.g.
/// `~/.kube/config`, or the name of a kubeconfig given as text).
///
/// Holds no credentials: those stay in the files and are read only to build a client.
public record KubeContext(
        String name,
        String cluster,
        @Nullable String server,
        String user,
        @Nullable String namespace,
        String source) {

    public KubeContext {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(source, "source");
    }
}
