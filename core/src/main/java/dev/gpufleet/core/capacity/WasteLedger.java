package dev.gpufleet.core.capacity;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/// A GPU-time ledger: fed each published [FleetSnapshot], it credits the time until the next
/// one to the state the earlier one showed, GPU by GPU, into the [WasteCategory]s, and sums
/// it per fleet, cluster, pool, node, namespace and workload, plus hourly buckets.
///
/// Memory is bounded by the fleet, not the window: the newest snapshot (which the store holds
/// anyway) and its per-GPU shares (one small object per GPU), one energy reading per GPU, 3 × 7 doubles per scope key (at
/// most [#MAX_KEYS_PER_SCOPE] keys per scope; later ones are summed under `(other)`) and at
/// most [#MAX_HOURS] hourly buckets (the oldest go). No sample is kept.
///
/// Energy per GPU and interval is the rise of `DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION` (mJ)
/// between the two snapshots; where the counter is missing or went down (a reset), power ×
/// time. Thread-safe: the store's writer may feed it while another thread reads a report.
public final class WasteLedger {

    /// The most keys one scope keeps.
    public static final int MAX_KEYS_PER_SCOPE = 50_000;
    /// The most hourly buckets kept: 31 days.
    public static final int MAX_HOURS = 24 * 31;
    static final String OTHER_KEY = "(other)";
    /// The metrics the accounting reads: activity, power and energy, and what judges a GPU
    /// failing (out of service). A source that reads the past need read no others.
    public static final List<Metric> METRICS = List.of(Metric.GPU_UTIL, Metric.SM_ACTIVE, Metric.GR_ENGINE_ACTIVE,
            Metric.POWER_USAGE, Metric.TOTAL_ENERGY, Metric.GPU_TEMP, Metric.XID_ERRORS, Metric.ECC_DBE_VOL,
            Metric.ROW_REMAP_FAILURE);

    private final WasteSettings settings;
    private final GpuPrices prices;
    private final ShareClassifier classifier;
    private final Map<WasteScope, Map<String, WasteTotals>> totals = new EnumMap<>(WasteScope.class);
    private final TreeMap<Instant, WasteTotals> hourly = new TreeMap<>();
    private @Nullable Instant first;
    private @Nullable Instant last;
    private List<GpuShare> lastShares = List.of();
    private @Nullable FleetSnapshot newest;
    private final Set<WasteCategory> notKnown = EnumSet.noneOf(WasteCategory.class);
    private final List<String> notes = new ArrayList<>(List.of(
            "Stranded GPUs are free GPUs no pending GPU pod can use: its count and MIG profile, tolerations, "
                    + "node selector and required node affinity are checked against each node.",
            "Prices are placeholders unless set in gpu-prices.json."));

    public WasteLedger(WasteSettings settings, GpuPrices prices) {
        this.settings = settings;
        this.prices = prices;
        this.classifier = new ShareClassifier(settings, prices);
        for (WasteScope scope : WasteScope.values()) {
            totals.put(scope, new HashMap<>());
        }
    }

    /// Credits the time since the previous snapshot to that snapshot's state, then remembers
    /// this one's. A snapshot older than the previous one is ignored.
    public synchronized void accept(FleetSnapshot snapshot) {
        Instant time = snapshot.time();
        if (last != null && time.isBefore(last)) {
            return;
        }
        List<GpuShare> shares = classifier.classify(snapshot);
        if (last != null) {
            Map<String, Double> energy = new HashMap<>();
            shares.forEach(share -> energy.put(share.gpuKey(), share.energyMillijoules()));
            credit(last, time, energy);
        } else {
            first = time;
        }
        last = time;
        lastShares = shares;
        newest = snapshot;
    }

    /// Credits the time from the newest snapshot to `time` to its state (the end of a window).
    public synchronized void advanceTo(Instant time) {
        if (last != null && time.isAfter(last)) {
            credit(last, time, Map.of());
            last = time;
        }
    }

    /// Everything summed so far.
    public synchronized WasteReport report() {
        List<WasteReport.Row> rows = new ArrayList<>();
        for (WasteScope scope : WasteScope.values()) {
            if (scope != WasteScope.HOUR) {
                new TreeMap<>(totals.get(scope))
                        .forEach((key, sum) -> rows.add(new WasteReport.Row(scope, key, sum.amounts())));
            }
        }
        if (totals.get(WasteScope.FLEET).isEmpty()) {
            rows.addFirst(new WasteReport.Row(WasteScope.FLEET, "all", new WasteTotals().amounts()));
        }
        List<WasteReport.Row> trend = new ArrayList<>();
        hourly.forEach((hour, sum) -> trend.add(new WasteReport.Row(WasteScope.HOUR, hour.toString(), sum.amounts())));
        Instant start = first == null ? Instant.EPOCH : first;
        List<PendingPod> pending = new ArrayList<>();
        if (newest != null) {
            for (ClusterSnapshot cluster : newest.clusters()) {
                pending.addAll(new PendingDemand(cluster).pods());
            }
        }
        return new WasteReport(start, last == null ? start : last, settings, prices.asMap(), rows, trend, pending,
                notes, notKnown);
    }

    /// Says that the window's source cannot tell `category` (its time is counted where the
    /// snapshots put it, e.g. stranded as free without pending pods), and why, as a note.
    public synchronized void notKnown(WasteCategory category, String why) {
        notKnown.add(category);
        note(why);
    }

    /// Adds a line the report's notes carry (once), e.g. how the window was read.
    public synchronized void note(String line) {
        if (!notes.contains(line)) {
            notes.add(line);
        }
    }

    private void credit(Instant from, Instant to, Map<String, Double> energyAtEnd) {
        double seconds = Duration.between(from, to).toNanos() / 1e9;
        if (seconds <= 0) {
            return;
        }
        double credited = Math.min(seconds, settings.maxGap().toNanos() / 1e9);
        double[] unknown = new double[WasteCategory.count()];
        unknown[WasteCategory.UNKNOWN.ordinal()] = 1;
        WasteTotals interval = new WasteTotals();
        WasteTotals node = new WasteTotals();
        GpuShare nodeFirst = null;
        for (GpuShare share : lastShares) {
            if (nodeFirst != null && !nodeFirst.nodeKey().equals(share.nodeKey())) {
                addNode(nodeFirst, node, interval);
                node = new WasteTotals();
                nodeFirst = share;
            } else if (nodeFirst == null) {
                nodeFirst = share;
            }
            double joules = joules(share, energyAtEnd.get(share.gpuKey()), credited);
            node.add(share.categories(), credited, share.pricePerHour(), joules);
            for (GpuShare.Holder holder : share.holders()) {
                // A holder's fractions are its part of the GPU's time, so they take that part of its energy.
                totalsFor(WasteScope.NAMESPACE, holder.namespaceKey())
                        .add(holder.categories(), credited, share.pricePerHour(), joules);
                totalsFor(WasteScope.WORKLOAD, holder.workloadKey())
                        .add(holder.categories(), credited, share.pricePerHour(), joules);
            }
            if (seconds > credited) {
                node.add(unknown, seconds - credited, share.pricePerHour(), 0);
            }
        }
        if (nodeFirst != null) {
            addNode(nodeFirst, node, interval);
        }
        totalsFor(WasteScope.FLEET, "all").addScaled(interval, 1);
        addHourly(from, to, seconds, interval);
    }

    /// Adds one node's interval (its GPUs summed) to its cluster, pool and node, and the fleet's.
    private void addNode(GpuShare share, WasteTotals node, WasteTotals interval) {
        totalsFor(WasteScope.CLUSTER, share.cluster()).addScaled(node, 1);
        totalsFor(WasteScope.POOL, share.poolKey()).addScaled(node, 1);
        totalsFor(WasteScope.NODE, share.nodeKey()).addScaled(node, 1);
        interval.addScaled(node, 1);
    }

    private static double joules(GpuShare share, @Nullable Double counterAtEnd, double seconds) {
        double start = share.energyMillijoules();
        if (counterAtEnd != null && !Double.isNaN(start) && !Double.isNaN(counterAtEnd) && counterAtEnd >= start) {
            return (counterAtEnd - start) / 1000;
        }
        return Double.isNaN(share.powerWatts()) ? 0 : share.powerWatts() * seconds;
    }

    private void addHourly(Instant from, Instant to, double seconds, WasteTotals interval) {
        Instant pieceStart = from;
        while (pieceStart.isBefore(to)) {
            Instant hour = pieceStart.truncatedTo(ChronoUnit.HOURS);
            Instant pieceEnd = hour.plus(1, ChronoUnit.HOURS);
            if (pieceEnd.isAfter(to)) {
                pieceEnd = to;
            }
            double piece = Duration.between(pieceStart, pieceEnd).toNanos() / 1e9;
            hourly.computeIfAbsent(hour, h -> new WasteTotals()).addScaled(interval, piece / seconds);
            pieceStart = pieceEnd;
        }
        while (hourly.size() > MAX_HOURS) {
            hourly.pollFirstEntry();
        }
    }

    private WasteTotals totalsFor(WasteScope scope, String key) {
        Map<String, WasteTotals> byKey = totals.get(scope);
        WasteTotals sum = byKey.get(key);
        if (sum == null) {
            sum = byKey.computeIfAbsent(byKey.size() < MAX_KEYS_PER_SCOPE ? key : OTHER_KEY, k -> new WasteTotals());
        }
        return sum;
    }
}
