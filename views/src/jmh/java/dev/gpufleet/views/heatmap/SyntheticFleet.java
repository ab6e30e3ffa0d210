package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.health.HealthRules;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/// A deterministic fleet the size of the demo's `--nodes 12500`: 4 clusters, 12,500 nodes ×
/// 8 H100s = 100,000 GPUs, with the labels people group by (pool, instance type, product, zone,
/// rack), pod attribution on most GPUs, a MIG node in every 50, 1 % of GPUs warning or failing
/// and one node in 200 without telemetry.
final class SyntheticFleet {

    static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");
    static final int NODES = 12_500;
    static final int GPUS_PER_NODE = 8;
    private static final String[] POOLS = {"h100-spot", "h100-reserved", "h100-ondemand", "a100-batch",
        "training-large", "inference", "research", "burst"};
    private static final String[] ZONES = {"zone-a", "zone-b", "zone-c"};

    private SyntheticFleet() {
    }

    /// The fleet at `version`; `seed` varies the readings (a new scrape), not the shape.
    static FleetSnapshot build(long version, long seed) {
        return of(version, nodes(seed));
    }

    /// Every node of the fleet, in snapshot order (cluster by cluster); `seed` varies the readings.
    static NodeSnapshot[] nodes(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        NodeSnapshot[] nodes = new NodeSnapshot[NODES];
        int perCluster = NODES / 4;
        for (int c = 0; c < 4; c++) {
            for (int n = 0; n < perCluster; n++) {
                nodes[c * perCluster + n] = node("cluster-" + c, c * perCluster + n, random);
            }
        }
        return nodes;
    }

    /// The fleet at `version` made of `nodes` (as [#nodes] lists them), the same objects.
    static FleetSnapshot of(long version, NodeSnapshot[] nodes) {
        List<ClusterSnapshot> clusters = new ArrayList<>();
        int perCluster = NODES / 4;
        for (int c = 0; c < 4; c++) {
            List<NodeSnapshot> list = List.of(nodes).subList(c * perCluster, (c + 1) * perCluster);
            clusters.add(new ClusterSnapshot("cluster-" + c, ConnectionStatus.of(ConnectionState.LIVE, T0), list));
        }
        return new FleetSnapshot(version, T0, clusters);
    }

    private static NodeSnapshot node(String cluster, int n, SplittableRandom random) {
        String name = String.format("%s-gpu-%05d", cluster, n);
        Map<String, String> labels = Map.of(
                "karpenter.sh/nodepool", POOLS[n % POOLS.length],
                "node.kubernetes.io/instance-type", "p5.48xlarge",
                NodeRecord.LABEL_GPU_PRODUCT, "NVIDIA-H100-80GB-HBM3",
                NodeRecord.LABEL_GPU_COUNT, "8",
                "topology.kubernetes.io/zone", ZONES[n % ZONES.length],
                "topology.kubernetes.io/rack", "rack-" + n / 16);
        NodeRecord record = new NodeRecord(name, labels, n % 97 == 0, true, List.of(),
                Map.of("nvidia.com/gpu", 8L), "v1.31.2", null);
        boolean silent = n % 200 == 7;
        List<GpuSnapshot> gpus = new ArrayList<>(GPUS_PER_NODE);
        List<PodRecord> pods = new ArrayList<>();
        for (int i = 0; i < GPUS_PER_NODE; i++) {
            gpus.add(silent ? silentGpu(i) : gpu(name, n, i, random));
        }
        for (int i = 0; i < GPUS_PER_NODE; i += 2) {
            pods.add(new PodRecord("team-" + n % 40, "job-" + n + "-" + i, name, "Running", null,
                    Map.of("nvidia.com/gpu", 2L)));
        }
        return new NodeSnapshot(record, gpus, pods, silent ? null : T0, silent ? "connection refused" : null);
    }

    private static GpuSnapshot silentGpu(int index) {
        return new GpuSnapshot(index, null, "NVIDIA H100 80GB HBM3", dev.gpufleet.core.model.Health.UNKNOWN,
                MetricValues.empty(), null, List.of(), List.of());
    }

    private static GpuSnapshot gpu(String node, int n, int index, SplittableRandom random) {
        double[] raw = MetricValues.blankArray();
        double util = random.nextInt(10) == 0 ? 0 : random.nextDouble(100);
        raw[Metric.GPU_UTIL.ordinal()] = util;
        raw[Metric.FB_USED.ordinal()] = 20_000 + util * 600;
        raw[Metric.FB_FREE.ordinal()] = 81_559 - raw[Metric.FB_USED.ordinal()];
        raw[Metric.POWER_USAGE.ordinal()] = 100 + util * 5.5;
        raw[Metric.GPU_TEMP.ordinal()] = random.nextInt(100) == 0 ? 89 : 35 + util * 0.4;
        List<MigSample> mig = n % 50 == 3 ? mig(n) : List.of();
        if (!mig.isEmpty()) {
            raw[Metric.GPU_UTIL.ordinal()] = Double.NaN;
        }
        MetricValues values = MetricValues.wrap(raw);
        List<PodRef> pods = index % 4 == 3 ? List.of()
                : List.of(new PodRef("team-" + n % 40, "job-" + n + "-" + index / 2 * 2, "main"));
        return new GpuSnapshot(index, "GPU-" + node + "-" + index, "NVIDIA H100 80GB HBM3",
                HealthRules.evaluate(values, mig), values, T0, mig, pods);
    }

    private static List<MigSample> mig(int n) {
        List<MigSample> instances = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            double[] raw = MetricValues.blankArray();
            raw[Metric.GR_ENGINE_ACTIVE.ordinal()] = 0.3 * id;
            raw[Metric.FB_USED.ordinal()] = 4_000 * id;
            raw[Metric.FB_FREE.ordinal()] = 20_000 - 4_000 * id;
            instances.add(new MigSample(id, id == 3 ? "3g.40gb" : "1g.10gb", MetricValues.wrap(raw),
                    List.of(new PodRef("research", "notebook-" + n + "-" + id, "jupyter"))));
        }
        return instances;
    }
}
