package dev.gpufleet.core.capacity;

import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/// A GPU-time ledger: fed each published [FleetSnapshot], it credits the time until the next
/// one to the state the earlier one showed, GPU by GPU, into the [WasteCategory]s, and sums
/// it per fleet, cluster, pool, node, namespace and workload, plus hourly buckets.
///
/// Memory is bounded by the fleet, not the window: the newest snapshot's per-GPU shares
/// (one small object per GPU), one energy reading per GPU, 3 × 7 doubles per scope key (at
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

    private final WasteSettings settings;
    private final GpuPrices prices;
    private final ShareClassifier classifier;
    private final Map<WasteScope, Map<String, WasteTotals>> totals = new EnumMap<>(WasteScope.class);
    private final TreeMap<Instant, WasteTotals> hourly = new TreeMap<>();
    private @Nullable Instant first;
    private @Nullable Instant last;
    private List<GpuShare> lastShares = List.of();
    private List<PendingPod> pending = List.of();
    private final List<String> notes = new ArrayList<>(List.of(
            "Stranded GPUs are judged by GPU counts alone: pending pods' tolerations, node selectors and "
                    + "affinity are not checked.",
            "Prices are placeholders unless set in gpu-prices.json."));

    public WasteLedger(WasteSettings settings, GpuPrices prices) {
        this.settings = settings;
        this.prices = prices;
        this.classifier = new ShareClassifier(settings, prices);
        for (WasteScope scope : WasteScope.values()) {
            totals.put(scope, new TreeMap<>());
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
        List<PendingPod> waiting = new ArrayList<>();
        for (ClusterSnapshot cluster : snapshot.clusters()) {
            waiting.addAll(new PendingDemand(cluster).pods());
        }
        pending = waiting;
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
                totals.get(scope).forEach((key, sum) -> rows.add(new WasteReport.Row(scope, key, sum.amounts())));
            }
        }
        if (totals.get(WasteScope.FLEET).isEmpty()) {
            rows.addFirst(new WasteReport.Row(WasteScope.FLEET, "all", new WasteTotals().amounts()));
        }
        List<WasteReport.Row> trend = new ArrayList<>();
        hourly.forEach((hour, sum) -> trend.add(new WasteReport.Row(WasteScope.HOUR, hour.toString(), sum.amounts())));
        Instant start = first == null ? Instant.EPOCH : first;
        return new WasteReport(start, last == null ? start : last, settings, prices.asMap(), rows, trend, pending,
                notes);
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
        for (GpuShare share : lastShares) {
            double joules = joules(share, energyAtEnd.get(share.gpuKey()), credited);
            addEverywhere(share, credited, joules);
            interval.add(share.categories(), credited, share.pricePerHour(), joules);
            if (seconds > credited) {
                addScopes(share, unknown, seconds - credited, 0);
                interval.add(unknown, seconds - credited, share.pricePerHour(), 0);
            }
        }
        totalsFor(WasteScope.FLEET, "all").addScaled(interval, 1);
        addHourly(from, to, seconds, interval);
    }

    private void addEverywhere(GpuShare share, double seconds, double joules) {
        addScopes(share, share.categories(), seconds, joules);
        for (GpuShare.Holder holder : share.holders()) {
            // A holder's fractions are its part of the GPU's time, so they take that part of its energy.
            totalsFor(WasteScope.NAMESPACE, share.cluster() + "/" + holder.namespace())
                    .add(holder.categories(), seconds, share.pricePerHour(), joules);
            totalsFor(WasteScope.WORKLOAD, share.cluster() + "/" + holder.namespace() + "/" + holder.workload())
                    .add(holder.categories(), seconds, share.pricePerHour(), joules);
        }
    }

    private void addScopes(GpuShare share, double[] fractions, double seconds, double joules) {
        totalsFor(WasteScope.CLUSTER, share.cluster()).add(fractions, seconds, share.pricePerHour(), joules);
        totalsFor(WasteScope.POOL, share.cluster() + "/" + share.pool()).add(fractions, seconds, share.pricePerHour(), joules);
        totalsFor(WasteScope.NODE, share.cluster() + "/" + share.node()).add(fractions, seconds, share.pricePerHour(), joules);
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
