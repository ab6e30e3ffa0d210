package dev.gpufleet.app.cli;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/// `snapshot --format table`: one line per node, the way `kubectl get` prints, with GPU
/// averages over the GPUs that reported (a dash where none did).
final class SnapshotTable {

    private static final String ROW = "%-16s %-28s %-16s %4s %5s %-8s %6s %6s %8s %6s%n";

    private SnapshotTable() {
    }

    static void print(FleetSnapshot snapshot, PrintWriter out) {
        out.printf(Locale.ROOT, ROW, "CLUSTER", "NODE", "STATUS", "GPUS", "TELEM", "HEALTH",
                "UTIL%", "MEM%", "POWER-W", "TEMP-C");
        for (ClusterSnapshot cluster : snapshot.clusters()) {
            for (NodeSnapshot node : cluster.nodes()) {
                if (!node.gpus().isEmpty()) {
                    printNode(cluster, node, out);
                }
            }
        }
        out.printf(Locale.ROOT, "%d clusters, %d GPUs%n", snapshot.clusters().size(), snapshot.gpuCount());
    }

    private static void printNode(ClusterSnapshot cluster, NodeSnapshot node, PrintWriter out) {
        long reporting = node.gpus().stream().filter(GpuSnapshot::hasTelemetry).count();
        Health worst = node.gpus().stream().map(GpuSnapshot::health).reduce(Health.HEALTHY, Health::worst);
        String status = (node.node().ready() ? "Ready" : "NotReady")
                + (node.node().unschedulable() ? ",Cordoned" : "");
        out.printf(Locale.ROOT, ROW, cluster.name(), node.name(), status, node.gpus().size(), reporting,
                worst.name(), mean(node, GpuSnapshot::utilizationPercent),
                mean(node, gpu -> gpu.values().memoryUsedPercent()),
                mean(node, gpu -> gpu.value(Metric.POWER_USAGE)), mean(node, gpu -> gpu.value(Metric.GPU_TEMP)));
    }

    private static String mean(NodeSnapshot node, ToDoubleFunction<GpuSnapshot> metric) {
        double sum = 0;
        int count = 0;
        for (GpuSnapshot gpu : node.gpus()) {
            double value = metric.applyAsDouble(gpu);
            if (!Double.isNaN(value)) {
                sum += value;
                count++;
            }
        }
        return count == 0 ? "-" : String.format(Locale.ROOT, "%.0f", sum / count);
    }
}
