package dev.gpufleet.core.rebalance;

import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/// What the planner reads of one cluster.
///
/// @param nodes      the nodes, with allocatable GPU resources, labels (GPU product), taints, cordon, readiness
/// @param nodeHealth each node's GPU health verdict, the worst of its GPUs; a node not named is [Health#UNKNOWN]
/// @param pods       the pods: those with a node are placed there, those without are pending
/// @param budgets    the PodDisruptionBudgets with their pods resolved
/// @param nodeHeat   [Goal#SPREAD] only: how hot each node runs, 0..1 (absent: cool)
public record RebalanceInput(List<NodeRecord> nodes, Map<String, Health> nodeHealth, List<PodRecord> pods,
        List<PodBudget> budgets, Map<String, Double> nodeHeat) {

    public RebalanceInput {
        nodes = List.copyOf(nodes);
        nodeHealth = Map.copyOf(nodeHealth);
        pods = List.copyOf(pods);
        budgets = List.copyOf(budgets);
        nodeHeat = Map.copyOf(nodeHeat);
    }

    /// Input without heat, for [Goal#DEFRAG] and [Goal#EVACUATE].
    public RebalanceInput(List<NodeRecord> nodes, Map<String, Health> nodeHealth, List<PodRecord> pods,
            List<PodBudget> budgets) {
        this(nodes, nodeHealth, pods, budgets, Map.of());
    }

    /// From a cluster snapshot's nodes (their pods placed, health the worst of their GPUs, heat
    /// their mean utilization), plus the pending pods and budgets the snapshot does not carry.
    public static RebalanceInput from(List<NodeSnapshot> snapshot, List<PodRecord> pending, List<PodBudget> budgets) {
        List<NodeRecord> nodes = new ArrayList<>(snapshot.size());
        Map<String, Health> health = new HashMap<>();
        Map<String, Double> heat = new HashMap<>();
        List<PodRecord> pods = new ArrayList<>(pending);
        for (NodeSnapshot node : snapshot) {
            nodes.add(node.node());
            pods.addAll(node.pods());
            Health worst = node.gpus().isEmpty() ? Health.UNKNOWN : Health.HEALTHY;
            double busy = 0;
            int read = 0;
            for (GpuSnapshot gpu : node.gpus()) {
                worst = worst.worst(gpu.health());
                double utilization = gpu.utilizationPercent();
                if (!Double.isNaN(utilization)) {
                    busy += utilization;
                    read++;
                }
            }
            health.put(node.name(), worst);
            if (read > 0) {
                heat.put(node.name(), busy / read / 100.0);
            }
        }
        return new RebalanceInput(nodes, health, pods, budgets, heat);
    }
}
