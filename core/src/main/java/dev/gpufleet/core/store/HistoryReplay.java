package dev.gpufleet.core.store;

import dev.gpufleet.core.health.HealthRules;
import dev.gpufleet.core.history.FleetHistory;
import dev.gpufleet.core.history.GpuKey;
import dev.gpufleet.core.history.HistoryBudget;
import dev.gpufleet.core.history.HistoryConfig;
import dev.gpufleet.core.history.HistoryReader;
import dev.gpufleet.core.history.NotRetainedException;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.telemetry.MigSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/// The fleet as the history remembers it at a past moment, for the time scrubber: today's
/// clusters, nodes, GPUs and pods, each GPU holding the values its ring held then.
///
/// Only the history's metrics are there (utilization, memory, power, temperature and the
/// profiling ratios by default); every other metric reads "not reported". A value counts if it
/// is at most [HistoryConfig#STALE_AFTER_INTERVALS] ticks older than the moment, as live data
/// does; a GPU with nothing in that span has no telemetry then. `sampledAt` is the start of the
/// newest tick used, so staleness reads as it did at the time. Health is judged again from the
/// values of then by the same [HealthRules], so it reflects temperatures but not the XIDs or ECC
/// counts that the history does not keep. MIG instances keep today's layout without values;
/// the card's utilization then is in its own ring (the instance mean, see [FleetHistory]).
public final class HistoryReplay {

    private HistoryReplay() {
    }

    /// `live` with every GPU's values replaced by those `history` held at `time`; where only
    /// the coarse tier holds `time`, the values are the means of its bucket.
    ///
    /// @throws NotRetainedException when `time` is older than anything the history keeps
    public static FleetSnapshot at(FleetSnapshot live, HistoryReader history, Instant time) {
        long tick = history.tickOf(time);
        long oldest = history.oldestRetainedTick();
        if (oldest != FleetHistory.NO_TICK && tick < oldest) {
            throw new NotRetainedException("the metric history before " + history.timeOf(oldest)
                    + " is not retained: for " + history.gpuCount() + " GPUs its budget of "
                    + history.config().budget().describe() + " keeps " + history.retention().describe()
                    + "; -D" + HistoryBudget.PROPERTY + " (or --history-budget) raises it");
        }
        List<ClusterSnapshot> clusters = new ArrayList<>(live.clusters().size());
        for (ClusterSnapshot cluster : live.clusters()) {
            List<NodeSnapshot> nodes = new ArrayList<>(cluster.nodes().size());
            for (NodeSnapshot node : cluster.nodes()) {
                nodes.add(node(cluster.name(), node, history, tick));
            }
            clusters.add(new ClusterSnapshot(cluster.name(), cluster.connection(), nodes));
        }
        return new FleetSnapshot(live.version(), time, clusters);
    }

    private static NodeSnapshot node(String cluster, NodeSnapshot node, HistoryReader history, long tick) {
        List<GpuSnapshot> gpus = new ArrayList<>(node.gpus().size());
        @Nullable Instant newest = null;
        for (GpuSnapshot gpu : node.gpus()) {
            GpuSnapshot then = gpu(cluster, node.name(), gpu, history, tick);
            gpus.add(then);
            if (then.sampledAt() != null && (newest == null || then.sampledAt().isAfter(newest))) {
                newest = then.sampledAt();
            }
        }
        return new NodeSnapshot(node.node(), gpus, node.pods(), newest, null);
    }

    private static GpuSnapshot gpu(String cluster, String node, GpuSnapshot gpu, HistoryReader history, long tick) {
        String id = gpu.uuid() == null || gpu.uuid().isBlank() ? "#" + gpu.index() : gpu.uuid();
        int slot = history.slotOf(new GpuKey(cluster, node, id));
        List<MigSample> mig = gpu.mig().stream()
                .map(instance -> new MigSample(instance.gpuInstanceId(), instance.profile(), MetricValues.empty(),
                        instance.pods()))
                .toList();
        if (slot < 0) {
            return blank(gpu, mig);
        }
        double[] values = MetricValues.blankArray();
        long newestTick = FleetHistory.NO_TICK;
        for (Metric metric : history.config().metrics()) {
            for (long at = tick; at >= tick - HistoryConfig.STALE_AFTER_INTERVALS; at--) {
                double value = history.valueAt(slot, metric, at);
                if (!Double.isNaN(value)) {
                    values[metric.ordinal()] = value;
                    newestTick = Math.max(newestTick, at);
                    break;
                }
            }
        }
        if (newestTick == FleetHistory.NO_TICK) {
            return blank(gpu, mig);
        }
        MetricValues then = MetricValues.wrap(values);
        return new GpuSnapshot(gpu.index(), gpu.uuid(), gpu.model(), HealthRules.evaluate(then, List.of()), then,
                history.timeOf(newestTick), mig, gpu.pods());
    }

    private static GpuSnapshot blank(GpuSnapshot gpu, List<MigSample> mig) {
        return new GpuSnapshot(gpu.index(), gpu.uuid(), gpu.model(), Health.UNKNOWN, MetricValues.empty(), null, mig,
                gpu.pods());
    }
}
