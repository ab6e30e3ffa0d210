package dev.gpufleet.core.capacity;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/// Where a window's GPU-hours went, what they cost, and what waits for GPUs.
///
/// @param from     the window's start (the first snapshot's time)
/// @param to       its end
/// @param settings the thresholds the time was judged by
/// @param prices   the dollars per GPU-hour used, by model key
/// @param rows     one row per scope and key, fleet first, then clusters, pools, nodes,
///                 namespaces, workloads, each ordered by key
/// @param trend    the fleet's hourly buckets, oldest first (scope [WasteScope#HOUR])
/// @param pending  the GPU pods waiting at the window's end, and why
/// @param notes    what the numbers do not cover, for people
/// @param notKnown categories the window's source cannot tell apart (stranded over a past window
///                 without pending pods): their hours sit in a neighbouring category, and the
///                 formats print them as not known rather than as 0
public record WasteReport(Instant from, Instant to, WasteSettings settings, Map<String, Double> prices,
        List<Row> rows, List<Row> trend, List<PendingPod> pending, List<String> notes, Set<WasteCategory> notKnown) {

    /// One scope's amounts.
    public record Row(WasteScope scope, String key, WasteAmounts amounts) {
    }

    public WasteReport {
        prices = Map.copyOf(prices);
        rows = List.copyOf(rows);
        trend = List.copyOf(trend);
        pending = List.copyOf(pending);
        notes = List.copyOf(notes);
        notKnown = notKnown.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(notKnown));
    }

    /// Whether the window's source could tell this category's hours.
    public boolean known(WasteCategory category) {
        return !notKnown.contains(category);
    }

    public Duration window() {
        return Duration.between(from, to);
    }

    /// The rows of one scope.
    public List<Row> rows(WasteScope scope) {
        return rows.stream().filter(row -> row.scope() == scope).toList();
    }

    /// The whole fleet's row.
    public WasteAmounts fleet() {
        return rows(WasteScope.FLEET).getFirst().amounts();
    }

    /// The `limit` workloads with the most idle-allocated GPU-hours, most first (only those with some).
    public List<Row> topWasters(int limit) {
        return rows(WasteScope.WORKLOAD).stream()
                .filter(row -> row.amounts().hours(WasteCategory.IDLE_ALLOCATED) > 0)
                .sorted(Comparator.comparingDouble((Row row) -> row.amounts().hours(WasteCategory.IDLE_ALLOCATED))
                        .reversed().thenComparing(Row::key))
                .limit(limit)
                .toList();
    }
}
