package dev.gpufleet.app;

import dev.gpufleet.connectors.kube.KubeContext;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.connectors.kube.KubeconfigLocation;
import dev.gpufleet.views.clusters.ClusterEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/// What the console opens with: the kubeconfig, the clusters it lists, which of them it
/// connects at once, and a problem to show if the kubeconfig could not be read.
///
/// Without a kubeconfig the demo fleet is connected; with one, the chosen contexts (or the
/// current one) are, and the demo fleet stays in the list as one more entry. With a
/// `location`, the console follows edits of the kubeconfig files there while it runs.
public record ConsolePlan(
        Kubeconfig kubeconfig,
        List<ClusterEntry> entries,
        Set<String> connectAtStart,
        @Nullable String kubeconfigProblem,
        @Nullable KubeconfigLocation location) {

    static final ClusterEntry DEMO_ENTRY = new ClusterEntry(FleetSession.DEMO, "built-in simulator");

    public ConsolePlan {
        entries = List.copyOf(entries);
        connectAtStart = Set.copyOf(connectAtStart);
    }

    /// A plan whose kubeconfig is not followed for edits.
    public ConsolePlan(Kubeconfig kubeconfig, List<ClusterEntry> entries, Set<String> connectAtStart,
            @Nullable String kubeconfigProblem) {
        this(kubeconfig, entries, connectAtStart, kubeconfigProblem, null);
    }

    /// This plan, following edits of the kubeconfig files at `where` while the console runs.
    public ConsolePlan following(KubeconfigLocation where) {
        return new ConsolePlan(kubeconfig, entries, connectAtStart, kubeconfigProblem, where);
    }

    /// The list after the kubeconfig was edited to `edited`: its contexts, then the entries of
    /// this plan that are not kubeconfig contexts (the demo fleet, this machine).
    public List<ClusterEntry> entriesFor(Kubeconfig edited) {
        List<ClusterEntry> next = new ArrayList<>();
        for (KubeContext context : edited.contexts()) {
            next.add(new ClusterEntry(context.name(), context.source()));
        }
        for (ClusterEntry entry : entries) {
            if (kubeconfig.context(entry.name()).isEmpty() && edited.context(entry.name()).isEmpty()) {
                next.add(entry);
            }
        }
        return next;
    }

    public static ConsolePlan demoOnly() {
        return new ConsolePlan(Kubeconfig.empty(), List.of(DEMO_ENTRY), Set.of(FleetSession.DEMO), null);
    }

    public static ConsolePlan withKubeconfigProblem(String problem) {
        return new ConsolePlan(Kubeconfig.empty(), List.of(DEMO_ENTRY), Set.of(FleetSession.DEMO), problem);
    }

    public static ConsolePlan forKubeconfig(Kubeconfig kubeconfig, List<String> chosenContexts) {
        if (kubeconfig.isEmpty()) {
            return demoOnly();
        }
        List<ClusterEntry> entries = new ArrayList<>();
        for (KubeContext context : kubeconfig.contexts()) {
            entries.add(new ClusterEntry(context.name(), context.source()));
        }
        entries.add(DEMO_ENTRY);
        Set<String> connect = new LinkedHashSet<>(chosenContexts);
        if (connect.isEmpty() && kubeconfig.currentContext() != null) {
            connect.add(kubeconfig.currentContext());
        }
        if (connect.isEmpty()) {
            connect.add(FleetSession.DEMO);
        }
        return new ConsolePlan(kubeconfig, entries, connect, null);
    }

    /// This plan with one more entry, connected at start: this machine's GPUs, where NVML is.
    public ConsolePlan withLocalMachine(ClusterEntry local) {
        List<ClusterEntry> more = new ArrayList<>(entries);
        more.add(local);
        Set<String> connect = new LinkedHashSet<>(connectAtStart);
        connect.add(local.name());
        return new ConsolePlan(kubeconfig, more, connect, kubeconfigProblem, location);
    }

    /// The clusters already connected in a session, all of them listed as connected.
    public static ConsolePlan forConnected(Kubeconfig kubeconfig, List<String> connected) {
        List<ClusterEntry> entries = new ArrayList<>();
        for (String name : connected) {
            entries.add(FleetSession.DEMO.equals(name) ? DEMO_ENTRY
                    : new ClusterEntry(name, kubeconfig.context(name).map(KubeContext::source).orElse("")));
        }
        return new ConsolePlan(kubeconfig, entries, new LinkedHashSet<>(connected), null);
    }
}
