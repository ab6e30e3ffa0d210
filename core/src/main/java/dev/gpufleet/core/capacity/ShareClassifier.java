package dev.gpufleet.core.capacity;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// Divides each GPU of a snapshot among the [WasteCategory]s.
///
/// Activity, the share of time a GPU did work: `DCGM_FI_PROF_SM_ACTIVE` where the profiling
/// fields are exported (the fraction of time at least one warp ran on an SM, averaged over the
/// SMs), else `DCGM_FI_DEV_GPU_UTIL` (only says a kernel ran: it reads 100% for one busy SM),
/// and for a MIG instance `SM_ACTIVE` else `DCGM_FI_PROF_GR_ENGINE_ACTIVE`. An allocated
/// device at activity `a` is idle-allocated when `a` is under the threshold, else `a` of its
/// time is used and `1 - a` underused. No reading at all is unknown time, never idle.
///
/// A MIG card counts each instance by its share of compute slices (`3g.40gb` is 3 of 7, 3 of
/// 4 on an A30); slices no instance holds are unallocated. Pods attributed by the exporter
/// hold GPUs; GPU pods on a node that telemetry attributes to no GPU are given the node's
/// unattributed free GPUs in index order (exporters without pod attribution still show them).
final class ShareClassifier {

    private static final String OTHER_NAMESPACE = "(unknown)";

    private final WasteSettings settings;
    private final GpuPrices prices;
    /// `cluster/namespace` and `cluster/namespace/Kind/name` of the pods of this snapshot and
    /// the one before: pod records are shared by consecutive snapshots, so their keys are made
    /// once. Two generations only, so records of pods that changed or went away are let go (a
    /// cache that kept every record it saw grew without end under churn: the soak found it).
    private Map<PodRecord, String[]> holderKeys = new IdentityHashMap<>();
    private Map<PodRecord, String[]> previousHolderKeys = new IdentityHashMap<>();
    private String cluster = "";
    /// Dollars per GPU-hour by model string: a fleet has a handful of models.
    private final Map<String, Double> priceByModel = new HashMap<>();

    ShareClassifier(WasteSettings settings, GpuPrices prices) {
        this.settings = settings;
        this.prices = prices;
    }

    List<GpuShare> classify(FleetSnapshot snapshot) {
        List<GpuShare> shares = new ArrayList<>(snapshot.gpuCount());
        previousHolderKeys = holderKeys;
        holderKeys = new IdentityHashMap<>(previousHolderKeys.size());
        for (ClusterSnapshot cluster : snapshot.clusters()) {
            this.cluster = cluster.name();
            PendingDemand demand = new PendingDemand(cluster);
            for (NodeSnapshot node : cluster.nodes()) {
                classifyNode(cluster.name(), node, demand, snapshot.time(), shares);
            }
        }
        return shares;
    }

    private void classifyNode(String cluster, NodeSnapshot node, PendingDemand demand, Instant time,
            List<GpuShare> out) {
        String poolKey = cluster + "/" + PoolLabels.poolOf(node.node().labels());
        String nodeKey = cluster + "/" + node.name();
        boolean outOfService = node.node().unschedulable() || !node.node().ready();
        WasteCategory unallocated = demand.any() && !demand.fitsAny(node) ? WasteCategory.STRANDED : WasteCategory.FREE;
        Map<String, PodRecord> pods = new HashMap<>();
        node.pods().forEach(pod -> pods.put(pod.namespace() + "/" + pod.name(), pod));
        List<PodRecord> unattributed = NodeGpuClaims.unattributed(node);
        int nextClaim = 0;
        long claimedOfNext = 0;
        for (GpuSnapshot gpu : node.gpus()) {
            double[] categories = new double[WasteCategory.count()];
            List<GpuShare.Holder> holders = new ArrayList<>();
            if (outOfService || gpu.health() == Health.FAILING) {
                categories[WasteCategory.OUT_OF_SERVICE.ordinal()] = 1;
            } else if (gpu.isStale(time, settings.staleAfter())) {
                categories[WasteCategory.UNKNOWN.ordinal()] = 1;
            } else if (!gpu.mig().isEmpty()) {
                classifyMig(gpu, pods, unallocated, categories, holders);
            } else if (!gpu.pods().isEmpty()) {
                allocate(1, activity(gpu.values(), Metric.GPU_UTIL), holdersOf(gpu.pods(), pods), categories, holders);
            } else if (nextClaim < unattributed.size()) {
                PodRecord pod = unattributed.get(nextClaim);
                allocate(1, activity(gpu.values(), Metric.GPU_UTIL), List.of(pod), categories, holders);
                claimedOfNext++;
                if (claimedOfNext >= NodeGpuClaims.wholeGpus(pod)) {
                    nextClaim++;
                    claimedOfNext = 0;
                }
            } else {
                categories[unallocated.ordinal()] = 1;
            }
            out.add(new GpuShare(cluster, poolKey, nodeKey, nodeKey + "/" + gpu.index(),
                    price(gpu.model()), gpu.value(Metric.POWER_USAGE), gpu.value(Metric.TOTAL_ENERGY),
                    categories, holders));
        }
    }

    private void classifyMig(GpuSnapshot gpu, Map<String, PodRecord> pods, WasteCategory unallocated,
            double[] categories, List<GpuShare.Holder> holders) {
        int cardSlices = gpu.model() != null && gpu.model().contains("A30") ? 4 : 7;
        double held = 0;
        for (MigSample instance : gpu.mig()) {
            held += slices(instance.profile());
        }
        double scale = 1.0 / Math.max(cardSlices, held);
        for (MigSample instance : gpu.mig()) {
            double share = slices(instance.profile()) * scale;
            if (instance.pods().isEmpty()) {
                categories[unallocated.ordinal()] += share;
            } else {
                allocate(share, activity(instance.values(), Metric.GR_ENGINE_ACTIVE),
                        holdersOf(instance.pods(), pods), categories, holders);
            }
        }
        categories[unallocated.ordinal()] += Math.max(0, 1 - held * scale);
    }

    private double price(@Nullable String model) {
        if (model == null) {
            return prices.perHour(null);
        }
        Double known = priceByModel.get(model);
        if (known == null) {
            known = prices.perHour(model);
            if (priceByModel.size() < 1024) {
                priceByModel.put(model, known);
            }
        }
        return known;
    }

    /// Puts `share` of the GPU's time into used/underused/idle-allocated (or unknown without an
    /// activity reading), split evenly among `pods`.
    private void allocate(double share, double activity, List<PodRecord> pods, double[] categories,
            List<GpuShare.Holder> holders) {
        double[] part = new double[WasteCategory.count()];
        if (Double.isNaN(activity)) {
            part[WasteCategory.UNKNOWN.ordinal()] = share;
        } else if (activity * 100 < settings.idleBelowPercent()) {
            part[WasteCategory.IDLE_ALLOCATED.ordinal()] = share;
        } else {
            part[WasteCategory.USED.ordinal()] = share * activity;
            part[WasteCategory.UNDERUSED.ordinal()] = share * (1 - activity);
        }
        for (int i = 0; i < part.length; i++) {
            categories[i] += part[i];
        }
        for (PodRecord pod : pods) {
            double[] each = part.clone();
            for (int i = 0; i < each.length; i++) {
                each[i] /= pods.size();
            }
            String[] keys = holderKeys.computeIfAbsent(pod, this::keysOf);
            holders.add(new GpuShare.Holder(keys[0], keys[1], each));
        }
    }

    /// Pod records whose keys are cached (this snapshot's and the one before's).
    int cachedPods() {
        return holderKeys.size() + previousHolderKeys.size();
    }

    private String[] keysOf(PodRecord pod) {
        String[] known = previousHolderKeys.get(pod);
        return known != null ? known : new String[] {cluster + "/" + pod.namespace(),
            cluster + "/" + pod.namespace() + "/" + Workloads.of(pod.owner(), pod.name())};
    }

    private static List<PodRecord> holdersOf(List<PodRef> refs, Map<String, PodRecord> pods) {
        List<PodRecord> holders = new ArrayList<>(refs.size());
        for (PodRef ref : refs) {
            PodRecord known = pods.get(ref.namespace() + "/" + ref.name());
            holders.add(known != null ? known
                    : new PodRecord(ref.namespace().isEmpty() ? OTHER_NAMESPACE : ref.namespace(), ref.name(), null,
                            "Running", null, Map.of()));
        }
        return holders;
    }

    /// The activity as a fraction 0..1: SM active, else `fallback` (a percent for GPU_UTIL, a
    /// ratio for GR_ENGINE_ACTIVE); `NaN` when neither is reported.
    static double activity(MetricValues values, Metric fallback) {
        double sm = values.get(Metric.SM_ACTIVE);
        if (!Double.isNaN(sm)) {
            return clamp(sm);
        }
        double other = values.get(fallback);
        return Double.isNaN(other) ? other : clamp(fallback == Metric.GPU_UTIL ? other / 100 : other);
    }

    private static double clamp(double fraction) {
        return Math.max(0, Math.min(1, fraction));
    }

    /// Compute slices of a MIG profile: the number before `g` (`3g.40gb` → 3), 1 when unreadable.
    static int slices(@Nullable String profile) {
        if (profile != null) {
            int g = profile.indexOf('g');
            if (g > 0) {
                try {
                    return Math.max(1, Integer.parseInt(profile.substring(0, g)));
                } catch (NumberFormatException ignored) {
                    // not a MIG profile name: one slice
                }
            }
        }
        return 1;
    }
}
