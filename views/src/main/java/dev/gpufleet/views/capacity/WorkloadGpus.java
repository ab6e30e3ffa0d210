package dev.gpufleet.views.capacity;

import dev.gpufleet.core.capacity.Workloads;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import dev.gpufleet.views.heatmap.HeatmapFrame;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/// The heatmap cells of a workload's GPUs, for "select a top waster, see its GPUs".
///
/// A GPU belongs to the workload when the exporter attributes one of its pods (or one of its MIG
/// instances' pods) to the workload, keyed as the waste ledger keys workloads
/// (`cluster/namespace/Kind/name`). Where the exporter attributes no pod to a GPU, the ledger
/// hands that GPU to the node's GPU pods by their requests; this selects such unattributed GPUs
/// on nodes where the workload runs, which may include a few GPUs of its neighbours.
public final class WorkloadGpus {

    private WorkloadGpus() {
    }

    /// The ordinals in `frame` of the GPUs `workloadKey` holds; empty when none does now.
    public static BitSet ordinals(HeatmapFrame frame, String workloadKey) {
        BitSet held = new BitSet();
        BitSet unattributed = new BitSet();
        Map<NodeSnapshot, Map<String, String>> keysByNode = new IdentityHashMap<>();
        for (int ordinal = 0; ordinal < frame.gpuCount(); ordinal++) {
            NodeSnapshot node = frame.node(ordinal);
            String cluster = frame.cluster(ordinal);
            Map<String, String> keys = keysByNode.computeIfAbsent(node, n -> workloadKeys(cluster, n));
            if (!keys.containsValue(workloadKey)) {
                continue;
            }
            GpuSnapshot gpu = frame.gpu(ordinal);
            if (holds(gpu, keys, cluster, workloadKey)) {
                held.set(ordinal);
            } else if (gpu.pods().isEmpty() && gpu.mig().isEmpty()) {
                unattributed.set(ordinal);
            }
        }
        return held.isEmpty() ? unattributed : held;
    }

    private static boolean holds(GpuSnapshot gpu, Map<String, String> keys, String cluster, String workloadKey) {
        for (PodRef pod : gpu.pods()) {
            if (workloadKey.equals(keyOf(pod, keys, cluster))) {
                return true;
            }
        }
        for (MigSample instance : gpu.mig()) {
            for (PodRef pod : instance.pods()) {
                if (workloadKey.equals(keyOf(pod, keys, cluster))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String keyOf(PodRef pod, Map<String, String> keys, String cluster) {
        String known = keys.get(pod.namespace() + "/" + pod.name());
        return known != null ? known : cluster + "/" + pod.namespace() + "/Pod/" + pod.name();
    }

    /// `namespace/pod` → workload key, for the node's pods that request GPUs.
    private static Map<String, String> workloadKeys(String cluster, NodeSnapshot node) {
        Map<String, String> keys = new HashMap<>();
        for (PodRecord pod : node.pods()) {
            if (pod.gpusRequested() > 0) {
                keys.put(pod.namespace() + "/" + pod.name(),
                        cluster + "/" + pod.namespace() + "/" + Workloads.of(pod.owner(), pod.name()));
            }
        }
        return keys;
    }
}
