package dev.gpufleet.views.rebalance;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.rebalance.Move;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// One cluster's GPU allocation now and once a plan's moves are done, as snapshots the fleet
/// heatmap draws unchanged: each GPU's utilization column holds [#ALLOCATED] when a pod holds it
/// and [#FREE] when none does, and its pods are the pods that hold it.
///
/// Which GPUs a pod holds comes from the exporter's attribution (a GPU's pods and its MIG
/// instances' pods); a GPU pod the exporter attributes nowhere takes the node's first free GPUs,
/// as many as it requests. A move takes its pod off every GPU of its source that it held and
/// puts it on as many free GPUs of its target, so the GPUs held in the cluster stay the same:
/// the sources lose what the targets gain (a target with fewer free GPUs, which a plan never
/// has, takes what it can). A pod that is no longer on its source moves nothing.
public final class AllocationProjection {

    /// The value of a GPU a pod holds.
    public static final double ALLOCATED = 100;
    /// The value of a free GPU.
    public static final double FREE = 0;

    private AllocationProjection() {
    }

    /// `cluster` as it is now, coloured by allocation, with `fleet`'s version and time.
    public static FleetSnapshot before(FleetSnapshot fleet, ClusterSnapshot cluster) {
        return after(fleet, cluster, List.of());
    }

    /// `cluster` once `moves` are done in step order, coloured by allocation.
    public static FleetSnapshot after(FleetSnapshot fleet, ClusterSnapshot cluster, List<Move> moves) {
        Map<String, List<List<PodRef>>> holders = new LinkedHashMap<>();
        Map<String, List<PodRecord>> pods = new LinkedHashMap<>();
        for (NodeSnapshot node : cluster.nodes()) {
            holders.put(node.name(), holders(node));
            pods.put(node.name(), new ArrayList<>(node.pods()));
        }
        for (Move move : moves) {
            apply(move, holders, pods);
        }
        List<NodeSnapshot> nodes = new ArrayList<>(cluster.nodes().size());
        for (NodeSnapshot node : cluster.nodes()) {
            nodes.add(display(node, holders.get(node.name()), pods.get(node.name()), fleet));
        }
        ClusterSnapshot projected = new ClusterSnapshot(cluster.name(), cluster.connection(), nodes,
                cluster.unscheduled());
        return new FleetSnapshot(fleet.version(), fleet.time(), List.of(projected));
    }

    /// How many GPUs a pod holds on each node of a snapshot made here.
    public static Map<String, Integer> allocatedByNode(FleetSnapshot projected) {
        Map<String, Integer> held = new LinkedHashMap<>();
        for (ClusterSnapshot cluster : projected.clusters()) {
            for (NodeSnapshot node : cluster.nodes()) {
                int count = 0;
                for (GpuSnapshot gpu : node.gpus()) {
                    count += gpu.pods().isEmpty() ? 0 : 1;
                }
                held.put(node.name(), count);
            }
        }
        return held;
    }

    private static void apply(Move move, Map<String, List<List<PodRef>>> holders, Map<String, List<PodRecord>> pods) {
        List<List<PodRef>> source = holders.get(move.from());
        List<List<PodRef>> target = holders.get(move.to());
        if (source == null || target == null) {
            return;
        }
        String name = move.pod().qualifiedName();
        int released = 0;
        for (List<PodRef> gpu : source) {
            if (gpu.removeIf(ref -> qualified(ref).equals(name))) {
                released++;
            }
        }
        if (released == 0) {
            return;
        }
        assign(target, move.pod().ref(), released);
        pods.get(move.from()).removeIf(pod -> pod.qualifiedName().equals(name));
        PodRecord pod = move.pod();
        pods.get(move.to()).add(new PodRecord(pod.namespace(), pod.name(), move.to(), pod.phase(), pod.owner(),
                pod.gpuRequests(), pod.scheduling(), pod.emptyDir(), pod.created()));
    }

    /// Per GPU of `node`, in index order, the pods that hold it.
    private static List<List<PodRef>> holders(NodeSnapshot node) {
        List<List<PodRef>> gpus = new ArrayList<>(node.gpus().size());
        Set<String> attributed = new HashSet<>();
        for (GpuSnapshot gpu : node.gpus()) {
            List<PodRef> refs = new ArrayList<>(gpu.pods());
            for (MigSample instance : gpu.mig()) {
                refs.addAll(instance.pods());
            }
            refs.forEach(ref -> attributed.add(qualified(ref)));
            gpus.add(refs);
        }
        for (PodRecord pod : node.pods()) {
            if (!pod.finished() && pod.gpusRequested() > 0 && !attributed.contains(pod.qualifiedName())) {
                assign(gpus, pod.ref(), pod.gpusRequested());
            }
        }
        return gpus;
    }

    /// Puts `pod` on the first `count` free GPUs (fewer when fewer are free).
    private static void assign(List<List<PodRef>> gpus, PodRef pod, long count) {
        long left = count;
        for (int g = 0; g < gpus.size() && left > 0; g++) {
            if (gpus.get(g).isEmpty()) {
                gpus.get(g).add(pod);
                left--;
            }
        }
    }

    private static NodeSnapshot display(NodeSnapshot node, List<List<PodRef>> holders, List<PodRecord> pods,
            FleetSnapshot fleet) {
        List<GpuSnapshot> gpus = new ArrayList<>(node.gpus().size());
        for (int g = 0; g < node.gpus().size(); g++) {
            GpuSnapshot gpu = node.gpus().get(g);
            List<PodRef> held = holders.get(g);
            double[] values = MetricValues.blankArray();
            values[Metric.GPU_UTIL.ordinal()] = held.isEmpty() ? FREE : ALLOCATED;
            gpus.add(new GpuSnapshot(gpu.index(), gpu.uuid(), gpu.model(), gpu.health(), MetricValues.wrap(values),
                    fleet.time(), List.of(), held));
        }
        return new NodeSnapshot(node.node(), gpus, pods, fleet.time(), null);
    }

    private static String qualified(PodRef ref) {
        return ref.namespace() + "/" + ref.name();
    }
}
