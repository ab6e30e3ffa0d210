package dev.gpufleet.views;

import dev.gpufleet.core.health.HealthRules;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.model.Taint;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.core.store.ConnectionStatus;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/// Synthetic fleets built straight from core records: deterministic, with one of every kind of
/// cell a person must tell apart (failing, warning, no telemetry, stale, cordoned, MIG).
public final class TestFleets {

    public static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    public static final String PRODUCT = "NVIDIA-H100-80GB-HBM3";
    public static final String UNAUTHORIZED_MESSAGE = "the token was rejected (401 Unauthorized)";

    private TestFleets() {
    }

    /// Two clusters of 32 nodes × 8 GPUs (512 GPUs); `prod-east` is live and has the special
    /// cases, `research-west` has just lost its credentials. `shift` varies the readings.
    public static FleetSnapshot demo(long version, int shift) {
        ClusterSnapshot east = cluster("prod-east", ConnectionStatus.of(ConnectionState.LIVE, T0.minusSeconds(600)),
                32, 8, shift, true);
        ClusterSnapshot west = cluster("research-west",
                new ConnectionStatus(ConnectionState.UNAUTHORIZED, UNAUTHORIZED_MESSAGE, T0.minusSeconds(240)),
                32, 8, shift + 7, false);
        return new FleetSnapshot(version, T0, List.of(east, west));
    }

    /// One cluster with `nodes` nodes of `gpusPerNode` GPUs, all healthy and live.
    public static FleetSnapshot simple(long version, int nodes, int gpusPerNode) {
        return new FleetSnapshot(version, T0, List.of(cluster("c1",
                ConnectionStatus.of(ConnectionState.LIVE, T0), nodes, gpusPerNode, 0, false)));
    }

    /// A fleet whose nodes have the given GPU counts, in one cluster.
    public static FleetSnapshot withGpuCounts(int... counts) {
        List<NodeSnapshot> nodes = new ArrayList<>();
        for (int n = 0; n < counts.length; n++) {
            String name = "n" + n;
            int count = counts[n];
            nodes.add(node(name, count, false, i -> healthyGpu(name, i, 10.0 * i)));
        }
        return new FleetSnapshot(1, T0, List.of(new ClusterSnapshot("c1",
                ConnectionStatus.of(ConnectionState.LIVE, T0), nodes)));
    }

    public static String nodeName(String cluster, int node) {
        return cluster.substring(0, cluster.indexOf('-') > 0 ? cluster.indexOf('-') : cluster.length())
                + "-gpu-" + String.format("%03d", node);
    }

    public static String uuid(String node, int index) {
        return "GPU-" + Integer.toHexString((node + "#" + index).hashCode()) + "-0000-" + index;
    }

    private static ClusterSnapshot cluster(String name, ConnectionStatus status, int nodes, int gpus, int shift,
                                           boolean specials) {
        List<NodeSnapshot> list = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            list.add(specials ? specialNode(name, n, gpus, shift) : plainNode(name, n, gpus, shift));
        }
        return new ClusterSnapshot(name, status, list);
    }

    private static NodeSnapshot plainNode(String cluster, int n, int gpus, int shift) {
        String name = nodeName(cluster, n);
        return node(name, gpus, false, i -> healthyGpu(name, i, (n * 37 + i * 11 + shift * 13) % 101));
    }

    private static NodeSnapshot specialNode(String cluster, int n, int gpus, int shift) {
        String name = nodeName(cluster, n);
        return switch (n) {
            case 1 -> node(name, gpus, false, i -> i == 2 ? failingGpu(name, i) : healthyGpu(name, i, 60 + i));
            case 2 -> silentNode(name, gpus);
            case 3 -> node(name, gpus, false, i -> i == 0 ? hotGpu(name, i) : healthyGpu(name, i, 40));
            case 4 -> node(name, gpus, false, i -> i == 5 ? staleGpu(name, i) : healthyGpu(name, i, 75));
            case 5 -> node(name, gpus, true, i -> healthyGpu(name, i, 0));
            case 6 -> node(name, gpus, false, i -> i == 1 ? migGpu(name, i) : healthyGpu(name, i, 90));
            default -> plainNode(cluster, n, gpus, shift);
        };
    }

    public static NodeSnapshot node(String name, int gpus, boolean cordoned, IntFunction<GpuSnapshot> gpu) {
        List<GpuSnapshot> list = new ArrayList<>();
        for (int i = 0; i < gpus; i++) {
            list.add(gpu.apply(i));
        }
        return new NodeSnapshot(record(name, gpus, cordoned), list, pods(name, list), T0, null);
    }

    private static NodeSnapshot silentNode(String name, int gpus) {
        List<GpuSnapshot> list = new ArrayList<>();
        for (int i = 0; i < gpus; i++) {
            list.add(new GpuSnapshot(i, null, PRODUCT.replace('-', ' '), dev.gpufleet.core.model.Health.UNKNOWN,
                    MetricValues.empty(), null, List.of(), List.of()));
        }
        return new NodeSnapshot(record(name, gpus, false), list, List.of(), null,
                "dcgm-exporter on " + name + " did not answer: connection refused");
    }

    public static NodeRecord record(String name, int gpus, boolean cordoned) {
        Map<String, String> labels = Map.of(NodeRecord.LABEL_GPU_PRODUCT, PRODUCT,
                NodeRecord.LABEL_GPU_COUNT, Integer.toString(gpus),
                "topology.kubernetes.io/zone", "us-east-1a",
                "karpenter.sh/nodepool", "h100-spot",
                "node.kubernetes.io/instance-type", "p5.48xlarge");
        List<Taint> taints = cordoned ? List.of(new Taint("node.kubernetes.io/unschedulable", null, "NoSchedule"))
                : List.of();
        return new NodeRecord(name, labels, cordoned, true, taints, Map.of("nvidia.com/gpu", (long) gpus),
                "v1.31.2", T0.minus(Duration.ofDays(30)));
    }

    public static GpuSnapshot healthyGpu(String node, int index, double util) {
        return gpu(node, index, values(util, 30_000 + util * 400, 81_559 - (30_000 + util * 400), 120 + util * 5,
                38 + util * 0.35), T0, List.of());
    }

    private static GpuSnapshot failingGpu(String node, int index) {
        double[] raw = raw(97, 70_000, 11_559, 640, 71);
        raw[Metric.XID_ERRORS.ordinal()] = 79;
        raw[Metric.ECC_DBE_VOL.ordinal()] = 2;
        return gpu(node, index, MetricValues.wrap(raw), T0, List.of());
    }

    private static GpuSnapshot hotGpu(String node, int index) {
        return gpu(node, index, values(88, 60_000, 21_559, 610, 88), T0, List.of());
    }

    private static GpuSnapshot staleGpu(String node, int index) {
        return gpu(node, index, values(55, 40_000, 41_559, 300, 60), T0.minus(Duration.ofMinutes(5)), List.of());
    }

    private static GpuSnapshot migGpu(String node, int index) {
        double[] own = raw(Double.NaN, 30_000, 51_559, 250, 55);
        List<MigSample> mig = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            double[] instance = MetricValues.blankArray();
            instance[Metric.GR_ENGINE_ACTIVE.ordinal()] = 0.2 * id;
            instance[Metric.FB_USED.ordinal()] = 4_000 * id;
            instance[Metric.FB_FREE.ordinal()] = 20_000 - 4_000 * id;
            mig.add(new MigSample(id, id == 3 ? "3g.40gb" : "1g.10gb", MetricValues.wrap(instance),
                    List.of(new PodRef("research", "notebook-" + id, "jupyter"))));
        }
        return gpu(node, index, MetricValues.wrap(own), T0, mig);
    }

    private static GpuSnapshot gpu(String node, int index, MetricValues values, @Nullable Instant at,
                                   List<MigSample> mig) {
        List<PodRef> pods = mig.isEmpty() && index % 2 == 0
                ? List.of(new PodRef("ml-team", "train-" + node + "-" + index / 2, "trainer")) : List.of();
        return new GpuSnapshot(index, uuid(node, index), PRODUCT.replace('-', ' '),
                HealthRules.evaluate(values, mig), values, at, mig, pods);
    }

    private static List<PodRecord> pods(String node, List<GpuSnapshot> gpus) {
        List<PodRecord> pods = new ArrayList<>();
        for (int i = 0; i < gpus.size(); i += 2) {
            pods.add(new PodRecord("ml-team", "train-" + node + "-" + i / 2, node, "Running",
                    new OwnerRef("Job", "train-" + node), Map.of("nvidia.com/gpu", 2L)));
        }
        pods.add(new PodRecord("kube-system", "dcgm-exporter-" + node, node, "Running",
                new OwnerRef("DaemonSet", "dcgm-exporter"), Map.of()));
        return pods;
    }

    public static MetricValues values(double util, double fbUsed, double fbFree, double power, double temp) {
        return MetricValues.wrap(raw(util, fbUsed, fbFree, power, temp));
    }

    private static double[] raw(double util, double fbUsed, double fbFree, double power, double temp) {
        double[] raw = MetricValues.blankArray();
        raw[Metric.GPU_UTIL.ordinal()] = util;
        raw[Metric.FB_USED.ordinal()] = fbUsed;
        raw[Metric.FB_FREE.ordinal()] = fbFree;
        raw[Metric.POWER_USAGE.ordinal()] = power;
        raw[Metric.GPU_TEMP.ordinal()] = temp;
        raw[Metric.SM_CLOCK.ordinal()] = 1_980;
        return raw;
    }
}
