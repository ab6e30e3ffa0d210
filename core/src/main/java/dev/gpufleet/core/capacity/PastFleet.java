package dev.gpufleet.core.capacity;

import dev.gpufleet.core.health.HealthRules;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.MigSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/// The fleet at a past moment as a [WasteLedger] needs it, from what a metrics store kept of
/// that moment (one [TelemetryFrame] per cluster, e.g. one step of a Prometheus range query)
/// laid over today's inventory.
///
/// What the store keeps is used as it was then: each GPU's values, its MIG instances with
/// their values, and the pods the exporter attributed to GPUs and instances (allocation over
/// time). What it does not keep is not guessed: nodes count as schedulable and Ready (today's
/// cordons say nothing of last week's), no pod is pending (so free GPUs cannot be told from
/// stranded ones), and a GPU the inventory knows that has no reading at the step is unknown
/// time. Nodes and GPUs seen only in the past (since removed) are kept, with what the frame
/// says. A pod still running today lends its owner, so its workload is named; a pod gone
/// since is its own workload.
public final class PastFleet {

    /// The note a report read this way carries.
    public static final String NOTE = "Read from the metrics store's history: allocation over time is the exporter's"
            + " pod attribution at each step; node cordons and readiness of the past are not kept there, so nodes"
            + " count as in service unless their GPUs failed.";

    private final FleetSnapshot today;

    /// @param today the live fleet: its nodes' labels, taints and GPU layout, and its pods' owners
    public PastFleet(FleetSnapshot today) {
        this.today = today;
    }

    /// The fleet at `time` from `frames` (at most one per cluster; a cluster without one has no
    /// readings then).
    public FleetSnapshot at(Instant time, List<TelemetryFrame> frames) {
        Map<String, TelemetryFrame> byCluster = new HashMap<>();
        frames.forEach(frame -> byCluster.put(frame.cluster(), frame));
        List<ClusterSnapshot> clusters = new ArrayList<>();
        for (ClusterSnapshot cluster : today.clusters()) {
            clusters.add(cluster(cluster, byCluster.remove(cluster.name()), time));
        }
        for (TelemetryFrame gone : byCluster.values()) {
            ClusterSnapshot unknown = new ClusterSnapshot(gone.cluster(), ConnectionStatus.of(ConnectionState.LIVE, time),
                    List.of());
            clusters.add(cluster(unknown, gone, time));
        }
        return new FleetSnapshot(today.version(), time, clusters);
    }

    private static ClusterSnapshot cluster(ClusterSnapshot live, @Nullable TelemetryFrame frame, Instant time) {
        Map<String, NodeTelemetry> readings = new LinkedHashMap<>();
        if (frame != null) {
            frame.nodes().forEach(node -> readings.put(node.node(), node));
        }
        Map<String, PodRecord> livePods = new HashMap<>();
        List<NodeSnapshot> nodes = new ArrayList<>(live.nodes().size());
        for (NodeSnapshot node : live.nodes()) {
            node.pods().forEach(pod -> livePods.put(pod.qualifiedName(), pod));
        }
        for (NodeSnapshot node : live.nodes()) {
            nodes.add(node(inService(node.node()), node.gpus(), readings.remove(node.name()), livePods, time));
        }
        for (NodeTelemetry removed : readings.values()) {
            NodeRecord record = new NodeRecord(removed.node(), Map.of(), false, true, List.of(), Map.of(), null, null);
            nodes.add(node(record, List.of(), removed, livePods, time));
        }
        return new ClusterSnapshot(live.name(), live.connection(), nodes, List.of());
    }

    private static NodeRecord inService(NodeRecord node) {
        return new NodeRecord(node.name(), node.labels(), false, true, node.taints(), node.gpuResources(),
                node.kubeletVersion(), node.created(), List.of());
    }

    /// Today's GPUs by index, each with the reading of `time` or none; GPUs only the reading has are added.
    private static NodeSnapshot node(NodeRecord record, List<GpuSnapshot> layout, @Nullable NodeTelemetry reading,
            Map<String, PodRecord> livePods, Instant time) {
        TreeMap<Integer, GpuSnapshot> gpus = new TreeMap<>();
        for (GpuSnapshot gpu : layout) {
            gpus.put(gpu.index(), new GpuSnapshot(gpu.index(), gpu.uuid(), gpu.model(), Health.UNKNOWN,
                    MetricValues.empty(), null, List.of(), List.of()));
        }
        Map<String, PodRecord> pods = new LinkedHashMap<>();
        if (reading != null) {
            for (GpuSample sample : reading.gpus()) {
                GpuSnapshot known = gpus.get(sample.index());
                String model = sample.model() != null ? sample.model() : known != null ? known.model() : null;
                gpus.put(sample.index(), new GpuSnapshot(sample.index(), sample.uuid(), model,
                        HealthRules.evaluate(sample.values(), sample.mig()), sample.values(), time, sample.mig(),
                        sample.pods()));
                sample.pods().forEach(ref -> keepLive(ref, livePods, pods));
                for (MigSample instance : sample.mig()) {
                    instance.pods().forEach(ref -> keepLive(ref, livePods, pods));
                }
            }
        }
        return new NodeSnapshot(record, List.copyOf(gpus.values()), List.copyOf(pods.values()),
                reading == null ? null : time, null);
    }

    /// The live record of an attributed pod, for its owner; only attributed pods go on the node,
    /// so none is handed a GPU it did not hold then.
    private static void keepLive(PodRef ref, Map<String, PodRecord> livePods, Map<String, PodRecord> pods) {
        PodRecord live = livePods.get(ref.namespace() + "/" + ref.name());
        if (live != null) {
            pods.put(live.qualifiedName(), live);
        }
    }
}
