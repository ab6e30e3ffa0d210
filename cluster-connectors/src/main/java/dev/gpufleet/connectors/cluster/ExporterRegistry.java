package dev.gpufleet.connectors.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/// The dcgm-exporter pods the pod watch has seen, so telemetry needs no list call of its own.
///
/// Fed from watch threads and read by the poller, hence concurrent. When a node has more than
/// one exporter (during a rollout) the ready one wins, then the first by name.
final class ExporterRegistry implements ExporterLocator {

    private final List<ExporterSelector> selectors;
    private final Map<String, ExporterPod> pods = new ConcurrentHashMap<>();

    ExporterRegistry(ConnectionOptions options) {
        this.selectors = options.exporterSelectors();
    }

    /// The pod's key in the registry.
    static String key(String namespaceName, String podName) {
        return namespaceName + "/" + podName;
    }

    /// Records `pod` if it is a running, scheduled exporter; forgets it otherwise.
    void update(Pod pod) {
        String key = key(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        ExporterPod exporter = match(pod);
        if (exporter == null) {
            pods.remove(key);
        } else {
            pods.put(key, exporter);
        }
    }

    void remove(String namespaceName, String podName) {
        pods.remove(key(namespaceName, podName));
    }

    /// Swaps in what a fresh list found, in one step so a poll never sees an empty registry.
    void replaceAll(Map<String, ExporterPod> fresh) {
        pods.keySet().retainAll(fresh.keySet());
        pods.putAll(fresh);
    }

    @Override
    public List<ExporterPod> exporters() {
        Map<String, ExporterPod> byNode = new TreeMap<>();
        for (ExporterPod pod : pods.values()) {
            byNode.merge(pod.nodeName(), pod, ExporterRegistry::better);
        }
        return new ArrayList<>(byNode.values());
    }

    private static ExporterPod better(ExporterPod a, ExporterPod b) {
        if (a.ready() != b.ready()) {
            return a.ready() ? a : b;
        }
        return a.toString().compareTo(b.toString()) <= 0 ? a : b;
    }

    /// The exporter `pod` is, if it matches one of the selectors and runs on a node; else `null`.
    @Nullable ExporterPod match(Pod pod) {
        var meta = pod.getMetadata();
        ExporterSelector selector = selectorOf(meta.getNamespace(), meta.getLabels());
        if (selector == null) {
            return null;
        }
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (node == null || node.isEmpty() || !"Running".equals(phase) || meta.getDeletionTimestamp() != null) {
            return null;
        }
        return new ExporterPod(meta.getNamespace(), meta.getName(), node, Projections.isReady(pod), selector.port(),
                selector.name());
    }

    private @Nullable ExporterSelector selectorOf(String podNamespace, @Nullable Map<String, String> podLabels) {
        Map<String, String> labels = podLabels == null ? Map.of() : podLabels;
        for (ExporterSelector selector : selectors) {
            if (selector.namespace() != null && !selector.namespace().equals(podNamespace)) {
                continue;
            }
            boolean matches = true;
            for (Map.Entry<String, String> wanted : selector.labels().entrySet()) {
                matches &= wanted.getValue().equals(labels.get(wanted.getKey()));
            }
            if (matches) {
                return selector;
            }
        }
        return null;
    }
}
