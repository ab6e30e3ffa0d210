package dev.gpufleet.core.rebalance;

import dev.gpufleet.core.drain.BudgetStatus;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodScheduling;
import dev.gpufleet.core.model.Taint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// Small hand-made fleets for the planner tests.
final class Fleets {

    static final String GPU = "nvidia.com/gpu";
    static final String H100 = "NVIDIA-H100-80GB-HBM3";

    private Fleets() {
    }

    static NodeRecord node(String name, long gpus) {
        return node(name, Map.of(GPU, gpus), Map.of(), List.of());
    }

    static NodeRecord node(String name, Map<String, Long> resources, Map<String, String> labels, List<Taint> taints) {
        Map<String, String> all = new HashMap<>(labels);
        all.putIfAbsent(NodeRecord.LABEL_GPU_PRODUCT, H100);
        return new NodeRecord(name, all, false, true, taints, resources, null, null);
    }

    static NodeRecord cordoned(String name, long gpus) {
        return new NodeRecord(name, Map.of(NodeRecord.LABEL_GPU_PRODUCT, H100), true, true, List.of(),
                Map.of(GPU, gpus), null, null);
    }

    static PodRecord job(String name, String node, long gpus) {
        return pod(name, node, gpus, new OwnerRef("Job", name), 0);
    }

    static PodRecord pod(String name, String node, long gpus, OwnerRef owner, int priority) {
        return new PodRecord("ml", name, node, "Running", owner, Map.of(GPU, gpus),
                new PodScheduling(priority, Map.of(), List.of(), List.of()), false, null);
    }

    static PodRecord pending(String name, long gpus, int priority) {
        return new PodRecord("ml", name, null, "Pending", new OwnerRef("Job", name), Map.of(GPU, gpus),
                new PodScheduling(priority, Map.of(), List.of(), List.of()), false, null);
    }

    static PodBudget budget(String name, int allowed, String... pods) {
        Set<String> qualified = new java.util.TreeSet<>();
        for (String pod : pods) {
            qualified.add("ml/" + pod);
        }
        return new PodBudget(new BudgetStatus("ml", name, allowed, pods.length, pods.length - allowed, pods.length),
                qualified);
    }
}
