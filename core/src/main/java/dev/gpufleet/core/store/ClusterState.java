package dev.gpufleet.core.store;

import dev.gpufleet.core.health.HealthRules;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import dev.gpufleet.core.triage.TriageThresholds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/// The mutable state of one cluster, touched only by the store's writer thread.
///
/// Node snapshots are cached and rebuilt only for nodes that changed, so a frame that touches
/// a few nodes of a big cluster costs little.
final class ClusterState {

    private final String name;
    private ConnectionStatus connection;
    private final TreeMap<String, NodeRecord> nodes = new TreeMap<>();
    private final Map<String, PodRecord> podsByKey = new HashMap<>();
    private final Map<String, Set<String>> podKeysByNode = new HashMap<>();
    private final Set<String> unscheduledKeys = new TreeSet<>();
    private final Map<String, LastTelemetry> telemetry = new HashMap<>();
    private final Map<String, NodeSnapshot> nodeCache = new HashMap<>();
    private final Set<String> dirtyNodes = new HashSet<>();
    private @Nullable ClusterSnapshot cached;
    private TriageThresholds thresholds = TriageThresholds.defaults();

    /// The newest good readings of a node, and the problem of the latest scrape if it failed.
    private record LastTelemetry(List<GpuSample> gpus, @Nullable Instant at, @Nullable String problem) {
    }

    ClusterState(String name, ConnectionStatus connection) {
        this.name = name;
        this.connection = connection;
    }

    /// Judges health by `next` from now on; every node is rebuilt at the next snapshot.
    void thresholds(TriageThresholds next) {
        thresholds = next;
        nodeCache.clear();
        cached = null;
    }

    void connection(ConnectionStatus status) {
        connection = status;
        cached = null;
    }

    void apply(InventoryEvent event) {
        switch (event) {
            case InventoryEvent.NodeUpserted(NodeRecord node) -> putNode(node);
            case InventoryEvent.NodeDeleted(String node) -> removeNode(node);
            case InventoryEvent.PodUpserted(PodRecord pod) -> putPod(pod);
            case InventoryEvent.PodDeleted(String namespace, String pod) -> removePod(namespace + "/" + pod);
            case InventoryEvent.Resynced resync -> resync(resync);
        }
    }

    void apply(TelemetryFrame frame) {
        for (NodeTelemetry node : frame.nodes()) {
            LastTelemetry previous = telemetry.get(node.node());
            LastTelemetry next = node.failed() && previous != null
                    ? new LastTelemetry(previous.gpus(), previous.at(), node.problem())
                    : new LastTelemetry(node.gpus(), node.failed() ? null : frame.time(), node.problem());
            telemetry.put(node.node(), next);
            markDirty(node.node());
        }
    }

    ClusterSnapshot snapshot() {
        if (cached != null) {
            return cached;
        }
        Set<String> names = new TreeSet<>(nodes.keySet());
        names.addAll(telemetry.keySet());
        List<NodeSnapshot> snapshots = new ArrayList<>(names.size());
        for (String node : names) {
            NodeSnapshot snapshot = dirtyNodes.contains(node) ? null : nodeCache.get(node);
            if (snapshot == null) {
                snapshot = buildNode(node);
                nodeCache.put(node, snapshot);
            }
            snapshots.add(snapshot);
        }
        dirtyNodes.clear();
        List<PodRecord> unscheduled = new ArrayList<>(unscheduledKeys.size());
        for (String key : unscheduledKeys) {
            unscheduled.add(podsByKey.get(key));
        }
        cached = new ClusterSnapshot(name, connection, snapshots, unscheduled);
        return cached;
    }

    private void putNode(NodeRecord node) {
        nodes.put(node.name(), node);
        markDirty(node.name());
    }

    private void removeNode(String node) {
        nodes.remove(node);
        telemetry.remove(node);
        nodeCache.remove(node);
        markDirty(node);
    }

    private void putPod(PodRecord pod) {
        String key = pod.namespace() + "/" + pod.name();
        removePod(key);
        podsByKey.put(key, pod);
        if (pod.nodeName() != null) {
            podKeysByNode.computeIfAbsent(pod.nodeName(), n -> new TreeSet<>()).add(key);
            markDirty(pod.nodeName());
        } else {
            unscheduledKeys.add(key);
            cached = null;
        }
    }

    private void removePod(String key) {
        PodRecord old = podsByKey.remove(key);
        if (old != null && old.nodeName() != null) {
            Set<String> keys = podKeysByNode.get(old.nodeName());
            if (keys != null) {
                keys.remove(key);
            }
            markDirty(old.nodeName());
        } else if (old != null) {
            unscheduledKeys.remove(key);
            cached = null;
        }
    }

    private void resync(InventoryEvent.Resynced resync) {
        nodes.clear();
        podsByKey.clear();
        podKeysByNode.clear();
        unscheduledKeys.clear();
        nodeCache.clear();
        telemetry.keySet().forEach(dirtyNodes::add);
        resync.nodes().forEach(this::putNode);
        resync.pods().forEach(this::putPod);
        cached = null;
    }

    private void markDirty(String node) {
        dirtyNodes.add(node);
        cached = null;
    }

    private NodeSnapshot buildNode(String nodeName) {
        NodeRecord record = nodes.get(nodeName);
        if (record == null) {
            record = new NodeRecord(nodeName, Map.of(), false, true, List.of(), Map.of(), null, null);
        }
        LastTelemetry last = telemetry.get(nodeName);
        List<GpuSnapshot> gpus = buildGpus(record, last, thresholds);
        List<PodRecord> pods = new ArrayList<>();
        for (String key : podKeysByNode.getOrDefault(nodeName, Set.of())) {
            pods.add(podsByKey.get(key));
        }
        return new NodeSnapshot(record, gpus, pods,
                last == null ? null : last.at(), last == null ? null : last.problem());
    }

    private static List<GpuSnapshot> buildGpus(NodeRecord record, @Nullable LastTelemetry last,
            TriageThresholds thresholds) {
        Map<Integer, GpuSample> byIndex = new TreeMap<>();
        if (last != null) {
            for (GpuSample sample : last.gpus()) {
                byIndex.put(sample.index(), sample);
            }
        }
        // Once an exporter has answered, its GPUs are the truth; labels are the guess before.
        int count = byIndex.isEmpty() ? record.physicalGpuCount() : 0;
        for (int index : byIndex.keySet()) {
            count = Math.max(count, index + 1);
        }
        List<GpuSnapshot> gpus = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            GpuSample sample = byIndex.get(index);
            if (sample == null || last == null) {
                gpus.add(new GpuSnapshot(index, null, record.gpuProduct(), Health.UNKNOWN,
                        MetricValues.empty(), null, List.of(), List.of()));
            } else {
                gpus.add(new GpuSnapshot(index, sample.uuid(),
                        sample.model() != null ? sample.model() : record.gpuProduct(),
                        HealthRules.evaluate(sample.values(), sample.mig(), thresholds),
                        sample.values(), last.at(), sample.mig(), sample.pods()));
            }
        }
        return gpus;
    }
}
