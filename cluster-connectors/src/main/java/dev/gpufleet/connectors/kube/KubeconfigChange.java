package dev.gpufleet.connectors.kube;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/// How the contexts of a kubeconfig changed between two readings: contexts that appeared,
/// contexts that went, and contexts whose cluster or credentials changed (server, CA, token,
/// exec plugin, namespace…), which must reconnect. A context whose definition is the same is in
/// none of the lists, even if other entries of its file changed.
///
/// Compares what fabric8 would be given for each context; keeps no credentials itself.
public record KubeconfigChange(List<String> added, List<String> removed, List<String> changed) {

    public KubeconfigChange {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /// What changed from `before` to `after`.
    public static KubeconfigChange between(Kubeconfig before, Kubeconfig after) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (KubeContext context : after.contexts()) {
            if (before.context(context.name()).isEmpty()) {
                added.add(context.name());
            } else if (!Objects.equals(definition(before, context.name()), definition(after, context.name()))
                    || !Objects.equals(before.context(context.name()), Optional.of(context))) {
                changed.add(context.name());
            }
        }
        for (KubeContext context : before.contexts()) {
            if (after.context(context.name()).isEmpty()) {
                removed.add(context.name());
            }
        }
        return new KubeconfigChange(added, removed, changed);
    }

    private static Optional<String> definition(Kubeconfig kubeconfig, String context) {
        return ClientConfigs.contextText(kubeconfig, context);
    }

    /// Whether any context appeared, went or changed.
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}
