package dev.gpufleet.core.rebalance;

import dev.gpufleet.core.drain.BudgetStatus;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.NodeSelectorRequirement;
import dev.gpufleet.core.model.NodeSelectorTerm;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodScheduling;
import dev.gpufleet.core.model.Taint;
import dev.gpufleet.core.model.Toleration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/// Random small fleets with every kind of constraint the planner must honour: two GPU models,
/// MIG nodes, cordoned, not-ready, degraded and failing nodes, a dedicated taint, pools and
/// zones for selectors and affinity, every kind of owner, priorities, emptyDir, budgets.
final class RandomFleets {

    static final String GPU = "nvidia.com/gpu";
    static final String MIG = "nvidia.com/mig-3g.40gb";
    static final Taint DEDICATED = new Taint("dedicated", "infer", "NoSchedule");
    private static final String[] OWNERS = {"Job", "Job", "ReplicaSet", "ReplicaSet", "StatefulSet", "DaemonSet", "Node", "none"};
    private static final Health[] HEALTH = {Health.HEALTHY, Health.HEALTHY, Health.HEALTHY, Health.UNKNOWN,
            Health.WARNING, Health.FAILING};

    private RandomFleets() {
    }

    static RebalanceInput generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int nodeCount = 3 + random.nextInt(12);
        List<NodeRecord> nodes = new ArrayList<>();
        Map<String, Health> health = new HashMap<>();
        Map<String, Double> heat = new HashMap<>();
        Map<String, Long> free = new HashMap<>();
        for (int n = 0; n < nodeCount; n++) {
            String name = "node-" + n;
            boolean mig = random.nextInt(6) == 0;
            long gpus = mig ? 2 : random.nextBoolean() ? 8 : 4;
            Map<String, String> labels = Map.of(
                    NodeRecord.LABEL_GPU_PRODUCT, random.nextInt(3) == 0 ? "NVIDIA-A100-SXM4-80GB" : "NVIDIA-H100-80GB-HBM3",
                    "pool", random.nextBoolean() ? "a" : "b",
                    "zone", "z" + random.nextInt(3));
            List<Taint> taints = random.nextInt(5) == 0 ? List.of(DEDICATED) : List.of();
            nodes.add(new NodeRecord(name, labels, random.nextInt(8) == 0, random.nextInt(10) != 0, taints,
                    Map.of(mig ? MIG : GPU, gpus), null, null));
            health.put(name, HEALTH[random.nextInt(HEALTH.length)]);
            heat.put(name, random.nextDouble());
            free.put(name, gpus);
        }
        List<PodRecord> pods = new ArrayList<>();
        boolean fragmented = random.nextBoolean();
        int podCount = random.nextInt(nodeCount * 6);
        for (int p = 0; p < podCount; p++) {
            NodeRecord node = nodes.get(fragmented ? p % nodeCount : random.nextInt(nodeCount));
            long left = free.get(node.name());
            long keep = fragmented ? 1 + (p / nodeCount) % 3 : 0;
            if (left <= keep) {
                continue;
            }
            long gpus = 1 + random.nextLong(Math.min(left - keep, fragmented ? 2 : 4));
            free.put(node.name(), left - gpus);
            String resource = node.gpuResources().containsKey(MIG) ? MIG : GPU;
            pods.add(pod(random, "p" + p, node.name(), Map.of(resource, gpus)));
        }
        int pendingCount = random.nextInt(5);
        for (int p = 0; p < pendingCount; p++) {
            pods.add(pod(random, "pending" + p, null, Map.of(GPU, 4L + random.nextInt(5))));
        }
        return new RebalanceInput(nodes, health, pods, budgets(random, pods), heat);
    }

    private static PodRecord pod(SplittableRandom random, String name, String node, Map<String, Long> gpus) {
        String kind = OWNERS[random.nextInt(OWNERS.length)];
        OwnerRef owner = kind.equals("none") ? null : new OwnerRef(kind, kind.equals("Node") ? "n" : name + "-owner");
        Map<String, String> selector = random.nextInt(4) == 0 ? Map.of("pool", random.nextBoolean() ? "a" : "b") : Map.of();
        List<Toleration> tolerations = random.nextInt(3) == 0
                ? List.of(Toleration.of("dedicated", "Equal", "infer", "NoSchedule")) : List.of();
        List<NodeSelectorTerm> affinity = random.nextInt(4) == 0
                ? List.of(new NodeSelectorTerm(List.of(new NodeSelectorRequirement("zone",
                        NodeSelectorRequirement.Operator.IN, List.of("z" + random.nextInt(3))))))
                : List.of();
        int priority = node == null && random.nextBoolean() ? 1000 : new int[] {0, 0, 100, 1000}[random.nextInt(4)];
        return new PodRecord("ns" + random.nextInt(2), name, node, node == null ? "Pending" : "Running", owner, gpus,
                new PodScheduling(priority, selector, tolerations, affinity), random.nextInt(5) == 0, null);
    }

    private static List<PodBudget> budgets(SplittableRandom random, List<PodRecord> pods) {
        List<PodBudget> budgets = new ArrayList<>();
        int count = random.nextInt(3);
        for (int b = 0; b < count; b++) {
            Set<String> selected = new HashSet<>();
            for (PodRecord pod : pods) {
                if (random.nextInt(3) == 0) {
                    selected.add(pod.qualifiedName());
                }
            }
            int allowed = random.nextInt(3) - (random.nextInt(10) == 0 ? 1 : 0);
            budgets.add(new PodBudget(new BudgetStatus("ns0", "pdb" + b, allowed, selected.size(), 0, selected.size()),
                    selected));
        }
        return budgets;
    }
}
