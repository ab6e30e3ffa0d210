package dev.gpufleet.core.alerts;

import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import java.util.ArrayList;
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

    private record GpuId(String cluster, String node, int index) {
    }

    private final Map<GpuId, Boolean> failing = new HashMap<>();
    private final Set<String> clustersWithTelemetry = new HashSet<>();

    /// The GPUs of `snapshot` that turned failing since the previous call.
    public List<Failure> update(FleetSnapshot snapshot) {
        List<Failure> turned = new ArrayList<>();
        Set<GpuId> present = new HashSet<>();
        for (ClusterSnapshot cluster : snapshot.clusters()) {
            boolean firstTelemetry = !clustersWithTelemetry.contains(cluster.name()) && hasTelemetry(cluster);
            if (firstTelemetry) {
                clustersWithTelemetry.add(cluster.name());
            }
            for (NodeSnapshot node : cluster.nodes()) {
                for (GpuSnapshot gpu : node.gpus()) {
                    GpuId id = new GpuId(cluster.name(), node.name(), gpu.index());
                    present.add(id);
                    if (gpu.health() == Health.UNKNOWN) {
                        continue;
                    }
                    boolean now = gpu.health() == Health.FAILING;
                    Boolean before = failing.put(id, now);
                    if (now && !Boolean.TRUE.equals(before)) {
                        turned.add(new Failure(cluster.name(), node.name(), gpu.index(), gpu.model(), firstTelemetry));
                    }
                }
            }
        }
        failing.keySet().retainAll(present);
        Set<String> names = new HashSet<>();
        snapshot.clusters().forEach(c -> names.add(c.name()));
        clustersWithTelemetry.retainAll(names);
        return turned;
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
