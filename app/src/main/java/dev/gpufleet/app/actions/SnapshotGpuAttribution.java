package dev.gpufleet.app.actions;

import dev.gpufleet.core.drain.GpuPlacement;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/// Which GPUs and MIG instances the newest fleet snapshot attributes to each pod of one node, keyed
/// `namespace/name`, for the drain plan.
public final class SnapshotGpuAttribution {

    private SnapshotGpuAttribution() {
    }

    public static Function<String, List<GpuPlacement>> of(FleetSnapshot snapshot, String cluster, String node) {
        Map<String, List<GpuPlacement>> byPod = new HashMap<>();
        snapshot.cluster(cluster).flatMap(c -> c.node(node)).ifPresent(n -> collect(n, byPod));
        return pod -> byPod.getOrDefault(pod, List.of());
    }

    private static void collect(NodeSnapshot node, Map<String, List<GpuPlacement>> byPod) {
        for (GpuSnapshot gpu : node.gpus()) {
            addGpu(byPod, gpu.index(), gpu.model(), gpu.pods(), gpu.mig());
        }
    }

    /// Adds one GPU's pods: a pod on a MIG instance is placed on that instance only (the card's
    /// own pod list repeats it). Shared with the command line, which reads one scrape instead of
    /// a snapshot.
    public static void addGpu(Map<String, List<GpuPlacement>> byPod, int index, @Nullable String gpuModel,
            List<PodRef> pods, List<MigSample> mig) {
        String model = gpuModel == null ? "GPU" : gpuModel;
        Set<PodRef> onInstances = new HashSet<>();
        mig.forEach(instance -> onInstances.addAll(instance.pods()));
        for (PodRef pod : pods) {
            if (!onInstances.contains(pod)) {
                add(byPod, pod, new GpuPlacement(index, OptionalInt.empty(), model));
            }
        }
        for (MigSample instance : mig) {
            for (PodRef pod : instance.pods()) {
                add(byPod, pod, new GpuPlacement(index, OptionalInt.of(instance.gpuInstanceId()),
                        model + " " + instance.profile()));
            }
        }
    }

    private static void add(Map<String, List<GpuPlacement>> byPod, PodRef pod, GpuPlacement placement) {
        List<GpuPlacement> list = byPod.computeIfAbsent(pod.namespace() + "/" + pod.name(), k -> new ArrayList<>());
        if (!list.contains(placement)) {
            list.add(placement);
        }
    }
}
