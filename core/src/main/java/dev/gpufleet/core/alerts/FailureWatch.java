package dev.gpufleet.core.alerts;

import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/// Notices GPUs that turn FAILING, for a desktop notification: fed every snapshot, it returns
/// the GPUs that were not failing in the previous one.
///
/// A GPU that was already failing when its cluster's telemetry first arrived is reported once,
/// marked `atConnect`, so opening the console on a fleet with broken GPUs says so once rather
/// than never. A GPU that recovers and fails again is reported again. A GPU whose health is
/// merely unknown (exporter down) is neither failing nor recovered: it keeps its last state, so
/// a flapping exporter does not re-announce the same failure.
public final class FailureWatch {

    /// One GPU that turned failing.
    public record Failure(String cluster, String node, int index, @Nullable String model, boolean atConnect) {

        /// For people: `GPU 3 (NVIDIA H100 80GB HBM3) on gpu-h100-a-004 in prod`.
        public String describe() {
            return "GPU " + index + (model == null ? "" : " (" + model + ")") + " on " + node + " in " + cluster;
        }
    }

    /// What was last seen of one node: the snapshot object (core keeps an unchanged node's
    /// object between versions, so an identical one needs no look) and which GPUs were failing.
    private static final class NodeState {
        private @Nullable NodeSnapshot last;
        private final BitSet failing = new BitSet();
        private long seen;
    }

    private final Map<String, Map<String, NodeState>> nodes = new HashMap<>();
    private final Set<String> clustersWithTelemetry = new HashSet<>();
    private long generation;

    /// The GPUs of `snapshot` that turned failing since the previous call. Unchanged nodes are
    /// skipped and no object is made per GPU, so a 100k-GPU fleet costs little per refresh.
    public List<Failure> update(FleetSnapshot snapshot) {
        generation++;
        List<Failure> turned = new ArrayList<>();
        Set<String> clusters = new HashSet<>();
        for (ClusterSnapshot cluster : snapshot.clusters()) {
            clusters.add(cluster.name());
            boolean firstTelemetry = !clustersWithTelemetry.contains(cluster.name()) && hasTelemetry(cluster);
            if (firstTelemetry) {
                clustersWithTelemetry.add(cluster.name());
            }
            Map<String, NodeState> known = nodes.computeIfAbsent(cluster.name(), name -> new HashMap<>());
            for (NodeSnapshot node : cluster.nodes()) {
                NodeState state = known.computeIfAbsent(node.name(), name -> new NodeState());
                state.seen = generation;
                if (state.last != node) {
                    state.last = node;
                    look(cluster.name(), node, state.failing, firstTelemetry, turned);
                }
            }
            known.values().removeIf(state -> state.seen != generation);
        }
        nodes.keySet().retainAll(clusters);
        clustersWithTelemetry.retainAll(clusters);
        return turned;
    }

    private static void look(String cluster, NodeSnapshot node, BitSet failing, boolean atConnect,
            List<Failure> turned) {
        BitSet present = new BitSet();
        node.gpus().forEach(gpu -> present.set(gpu.index()));
        failing.and(present);
        for (GpuSnapshot gpu : node.gpus()) {
            if (gpu.health() == Health.UNKNOWN) {
                continue;
            }
            int index = gpu.index();
            if (gpu.health() != Health.FAILING) {
                failing.clear(index);
            } else if (!failing.get(index)) {
                failing.set(index);
                turned.add(new Failure(cluster, node.name(), index, gpu.model(), atConnect));
            }
        }
    }

    private static boolean hasTelemetry(ClusterSnapshot cluster) {
        return cluster.nodes().stream().flatMap(n -> n.gpus().stream()).anyMatch(GpuSnapshot::hasTelemetry);
    }

    /// One notification's text for `failures` (non-empty): the GPU itself when there is one,
    /// else how many and the first few.
    public static String summarize(List<Failure> failures) {
        if (failures.size() == 1) {
            Failure only = failures.getFirst();
            return only.describe() + (only.atConnect() ? " is failing." : " turned failing.");
        }
        StringBuilder text = new StringBuilder(failures.size() + " GPUs are failing: ");
        for (int i = 0; i < Math.min(3, failures.size()); i++) {
            text.append(i == 0 ? "" : "; ").append(failures.get(i).describe());
        }
        return text.append(failures.size() > 3 ? "; and " + (failures.size() - 3) + " more." : ".").toString();
    }
}
