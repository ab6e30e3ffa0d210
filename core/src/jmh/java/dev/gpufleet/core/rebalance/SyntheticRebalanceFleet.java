package dev.gpufleet.core.rebalance;

import dev.gpufleet.core.drain.BudgetStatus;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
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

/// A fragmented fleet at the planner's target size: `nodes` nodes × 8 GPUs (12,500 → 100,000
/// GPUs) with 4 GPU pods each (50,000 pods) of 1, 2 or 4 GPUs, so most nodes keep 1–3 GPUs free
/// that no 8-GPU job can use. Two GPU products, 8 pools (`karpenter.sh/nodepool`), one pool in 8
/// tainted `dedicated=infer:NoSchedule` and served only by pods that tolerate it and select it,
/// one node in 100 degraded and one in 300 failing, one in 97 cordoned; owners Job (60 %),
/// ReplicaSet (30 %), StatefulSet (10 %); one PodDisruptionBudget per 20 ReplicaSet pods
/// allowing 1; `pending` pending jobs of 8 GPUs (a third of them 4), a quarter at priority 1000.
/// Heat: utilization-like, 5 % of nodes above 0.9. Deterministic by seed.
final class SyntheticRebalanceFleet {

    static final String GPU = "nvidia.com/gpu";

    private SyntheticRebalanceFleet() {
    }

    static RebalanceInput generate(int nodeCount, int pending, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<NodeRecord> nodes = new ArrayList<>(nodeCount);
        Map<String, Health> health = new HashMap<>();
        Map<String, Double> heat = new HashMap<>();
        List<PodRecord> pods = new ArrayList<>(nodeCount * 4 + pending);
        PodScheduling inference = new PodScheduling(100, Map.of("karpenter.sh/nodepool", "pool-0"),
                List.of(Toleration.of("dedicated", "Equal", "infer", "NoSchedule")), List.of());
        Map<String, Set<String>> budgetPods = new HashMap<>();
        for (int n = 0; n < nodeCount; n++) {
            String name = String.format("gpu-%05d", n);
            int pool = n % 8;
            String product = n % 5 == 0 ? "NVIDIA-A100-SXM4-80GB" : "NVIDIA-H100-80GB-HBM3";
            List<Taint> taints = pool == 0 ? List.of(new Taint("dedicated", "infer", "NoSchedule")) : List.of();
            nodes.add(new NodeRecord(name, Map.of(NodeRecord.LABEL_GPU_PRODUCT, product,
                    "karpenter.sh/nodepool", "pool-" + pool, "topology.kubernetes.io/zone", "zone-" + n % 3),
                    n % 97 == 0, true, taints, Map.of(GPU, 8L), null, null));
            health.put(name, n % 300 == 7 ? Health.FAILING : n % 100 == 3 ? Health.WARNING : Health.HEALTHY);
            heat.put(name, random.nextInt(20) == 0 ? 0.9 + random.nextDouble() * 0.1 : random.nextDouble() * 0.8);
            long left = 8;
            for (int p = 0; p < 4; p++) {
                long gpus = Math.min(left - (p == 3 ? 1 + random.nextInt(2) : 0), new long[] {1, 2, 2, 4}[random.nextInt(4)]);
                if (gpus <= 0) {
                    gpus = 1;
                }
                left -= gpus;
                pods.add(pod(random, name + "-" + p, name, gpus, pool == 0 ? inference : PodScheduling.NONE, budgetPods));
            }
        }
        for (int p = 0; p < pending; p++) {
            pods.add(new PodRecord("train", "pending-" + p, null, "Pending", new OwnerRef("Job", "pending-" + p),
                    Map.of(GPU, p % 3 == 2 ? 4L : 8L), new PodScheduling(p % 4 == 0 ? 1000 : 0, Map.of(), List.of(),
                            List.of()), false, null));
        }
        List<PodBudget> budgets = new ArrayList<>();
        budgetPods.forEach((budget, members) -> budgets.add(new PodBudget(
                new BudgetStatus("serve", budget, 1, members.size(), members.size() - 1, members.size()), members)));
        return new RebalanceInput(nodes, health, pods, budgets, heat);
    }

    private static PodRecord pod(SplittableRandom random, String name, String node, long gpus, PodScheduling scheduling,
            Map<String, Set<String>> budgetPods) {
        int kind = random.nextInt(10);
        if (kind < 6) {
            return new PodRecord("train", name, node, "Running", new OwnerRef("Job", name), Map.of(GPU, gpus),
                    scheduling, false, null);
        }
        String namespace = kind < 9 ? "serve" : "db";
        OwnerRef owner = kind < 9 ? new OwnerRef("ReplicaSet", "rs-" + name.hashCode() % 1000)
                : new OwnerRef("StatefulSet", "sts-" + name.hashCode() % 100);
        if (kind < 9) {
            budgetPods.computeIfAbsent("pdb-" + budgetPods.size() / 20, b -> new HashSet<>()).add(namespace + "/" + name);
        }
        return new PodRecord(namespace, name, node, "Running", owner, Map.of(GPU, gpus), scheduling, false, null);
    }
}
